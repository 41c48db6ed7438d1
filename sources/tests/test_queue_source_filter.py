"""The claim queue's Source dropdown: the sources app gives the choices, claims never imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from claims.tests.factories import make_article, make_claim
from sources.models import Source, SourceItem

CLAIMS_APP = Path(__file__).resolve().parents[2] / "claims"


@pytest.mark.django_db
def test_the_queue_offers_followed_sources_and_filters_by_the_one_chosen(web):
    wire = Source.objects.create(name="Wire feed", url="https://wire.example/feed.xml")
    Source.objects.create(
        name="Only suggested", url="https://other.example/feed.xml", state=Source.State.SUGGESTED
    )
    from_wire = make_claim(make_article("Wire story. Text."), "From the wire")
    elsewhere = make_claim(make_article("Pasted story. Text."), "Pasted by hand")
    SourceItem.objects.create(source=wire, guid="1", url="https://wire.example/1", article=from_wire.article)
    html = web.get("/claims/").content.decode()
    assert '<select name="source" id="id_source">' in html
    assert f'<option value="{wire.pk}" >Wire feed</option>' in html and "Only suggested" not in html
    response = web.get(f"/claims/?source={wire.pk}")
    assert f'<option value="{wire.pk}" selected>Wire feed</option>' in response.content.decode()
    assert [c.pk for c in response.context["page"].object_list] == [from_wire.pk]
    assert elsewhere.pk not in [c.pk for c in response.context["page"].object_list]


def test_the_claims_app_never_imports_the_sources_app():
    for path in CLAIMS_APP.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n == "sources" or n.startswith(("sources.", "config")) for n in names), path
