"""The command line contract used by outside checks."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO


def run(args, stdin: str) -> str:
    p = subprocess.run(
        [sys.executable, "-m", "claims.extraction", *args],
        input=stdin.encode(),
        cwd=REPO,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert p.returncode == 0, p.stderr.decode()
    return p.stdout.decode()


def test_extract_stdin_and_jsonl():
    out = run(
        ["extract", "--lang", "fr"], "Le milliardaire a fait don d'environ 25 000 terminaux à l'Ukraine."
    )
    doc = json.loads(out)
    assert doc["language"] == "fr" and doc["extractor_version"]
    c = doc["claims"][0]
    for key in ("start", "end", "text", "type", "types", "score", "checkworthy", "speaker", "quantities"):
        assert key in c
    q = c["quantities"][0]
    assert q["value"] == 25000 and q["approximate"] is True and q["raw"] == "environ 25 000"
    assert set(q) >= {"raw", "value", "unit", "approximate", "vague"}

    lines = [
        {"doc_id": "a", "text": "The firm cut 1,200 jobs on Monday.", "lang": "en"},
        {"doc_id": "b", "text": "Le chômage a baissé de 12 % en un an."},
    ]
    out = run(["extract", "--jsonl"], "".join(json.dumps(x) + "\n" for x in lines))
    docs = [json.loads(x) for x in out.splitlines()]
    assert [d["doc_id"] for d in docs] == ["a", "b"]
    assert docs[0]["language"] == "en" and docs[1]["language"] == "fr"


def test_score():
    out = run(["score", "--lang", "en"], "Unemployment fell to 3.5% in 2019.\nHello there!\n")
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 2
    for score, decision in rows:
        assert 0.0 <= float(score) <= 1.0 and decision in ("0", "1")
