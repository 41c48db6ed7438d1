"""The intended layering, read from the source: apps never import the project package (`config`),
and no two modules of the apps import each other, directly or round a longer loop.

Imports inside functions count (a lazy import that closes a loop is still a loop); imports under
`if TYPE_CHECKING:` do not, since they never run. Migrations are left out: Django writes them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT_PACKAGE = "config"


def app_packages() -> list[str]:
    """The project's own apps (those whose code lives in this repository), e.g. claims, articles."""
    names = {
        config.name.split(".")[0] for config in apps.get_app_configs() if ROOT in Path(config.path).parents
    }
    return sorted(names)


def modules() -> dict[str, Path]:
    found = {}
    for package in app_packages():
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except the bodies of `if TYPE_CHECKING:` blocks."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
                continue
            stack.append(child)


def imported_names(module: str, path: Path) -> Iterator[str]:
    """Dotted names this module imports (`from a.b import c` gives `a.b.c`; relative imports resolved);
    `import_graph` maps each to the longest module it names."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in _runtime_nodes(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            # `from a import b` imports the module a.b when there is one, else the name b of a.
            yield from (base if alias.name == "*" else f"{base}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """module → the project modules it imports (a name resolves to its longest known module)."""
    known = modules()

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in known.items():
        targets = {resolve(name) for name in imported_names(module, path)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_checker_sees_the_apps_and_their_imports():
    graph = import_graph()
    assert {"accounts", "articles", "claims", "ops", "sources"} <= set(app_packages())
    assert "claims.models" in graph["claims.services.review"]
    # A lazy import inside a function counts.
    assert "claims.serializers" in graph["claims.exports.rows"]


def test_the_cycle_finder_finds_a_loop_round_three_modules():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_app_imports_the_project_package():
    offenders = sorted(
        f"{module} imports {name}"
        for module, path in modules().items()
        for name in imported_names(module, path)
        if name == PROJECT_PACKAGE or name.startswith(PROJECT_PACKAGE + ".")
    )
    assert offenders == []


def test_no_import_cycles_between_modules_of_the_apps():
    assert cycles(import_graph()) == []
