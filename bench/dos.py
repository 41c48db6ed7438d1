"""Issue 17 ("one user must not take the desk down"): time and memory of each
denial-of-service item, on the code before the fix and on this code.

    # the code before the fix, e.g. main's tree exported to /tmp:
    git archive <base-commit> | tar -x -C /tmp/claimtrack-before && ln -s $PWD/.venv /tmp/claimtrack-before/.venv
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench_dos CELERY_BROKER_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/dos.py --before /tmp/claimtrack-before

Every item runs in a fresh Python process whose working directory (and import path)
is the code under test, so the figures of one do not leak into another: wall time,
and the growth of the process's peak RSS (getrusage) over its state just before.

- pdf_report: GET /claims/report/?format=pdf over N bench claims, as a reporter (and,
  after the fix, as a user without a role: before it, that user got the same PDF at
  the same cost); after the fix the reporter's request is queued (302) and the
  worker's build of that export is measured too.
- export_starvation: a real worker (as `make run` starts it), three large PDF
  exports requested by one user, then one short article: how long until its claims
  are stored.
- markdown: read a 200 KB .md of " **a" x 50,000 and a 50 KB one of "<!--" x 12,500, with a
  thread that ticks every 10 ms to show how long the GIL was held.
- docx: a 6.5 MB .docx whose document.xml is 99 MB, and one whose document.xml is
  15 MB (under the new cap) with far more text than an article may hold.
- upload: a 300 MB multipart upload to POST /api/v1/articles/ through Django's full
  handler, its body streamed from a file on disk as a server would.

Writes bench/results/dos.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from dos_items import ITEMS, WORK  # bench/dos_items.py, next to this script

HERE = Path(__file__).resolve()
AFTER = HERE.parent.parent
RESULTS = AFTER / "bench" / "results" / "dos.json"


# --- orchestration ------------------------------------------------------------------------------


def run_child(code: Path, item: str, args) -> dict:
    command = [sys.executable, str(HERE), "--item", item, "--claims", str(args.claims)]
    env = {**os.environ, "PYTHONPATH": str(code), "MEDIA_ROOT": str(WORK / "media")}
    if item == "export_starvation" and not (code / "claims" / "exports" / "limits.py").exists():
        env["EXPORT_ASYNC_THRESHOLD"] = str(
            args.claims // 3
        )  # the old code's one threshold: these PDFs are queued
    try:
        done = subprocess.run(
            command, cwd=code, env=env, capture_output=True, text=True, timeout=args.timeout
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {args.timeout} s"}
    if done.returncode != 0:
        return {"error": done.stderr[-1500:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def seed(claims: int) -> None:
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=AFTER, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "seed_bench", "--clear"], cwd=AFTER, check=True, capture_output=True
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "seed_bench",
            "--articles",
            str(max(claims // 10, 1)),
            "--claims",
            str(claims),
        ],
        cwd=AFTER,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", type=Path, help="a checkout of the code before the fix")
    parser.add_argument("--item", choices=sorted(ITEMS))
    parser.add_argument("--only", nargs="*", choices=sorted(ITEMS), help="run only these items")
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument("--timeout", type=int, default=600, help="seconds per item and code version")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.item:
        print(json.dumps(ITEMS[args.item](args)))
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "Run it on PostgreSQL: DATABASE_URL=postgres://…/claimtrack_bench_dos (and CELERY_BROKER_URL=redis://…)"
        )
    seed(args.claims)
    versions = {"after": AFTER, **({"before": args.before.resolve()} if args.before else {})}
    results = {"load_average_start": os.getloadavg(), "items": {}}
    for item in args.only or ITEMS:
        results["items"][item] = {}
        for version, code in sorted(versions.items(), reverse=True):  # before first
            figures = run_child(code, item, args)
            results["items"][item][version] = figures
            print(f"{item:18} {version:6} {json.dumps(figures, ensure_ascii=False)}", flush=True)
    results["load_average_end"] = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() and args.only else {"items": {}}
    previous["items"].update(results["items"])
    results["items"] = previous["items"]
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"→ {RESULTS.relative_to(AFTER)}")


if __name__ == "__main__":
    main()
