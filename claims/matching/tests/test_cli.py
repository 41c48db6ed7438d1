"""The CLI contract: python -m claims.matching search --corpus CORPUS.tsv --top K < QUERIES.tsv."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

CORPUS = (
    "id\ttext\ttitle\n"
    "starlink\tEnviron 25 000 terminaux Starlink ont été donnés à l’Ukraine, selon Elon Musk.\tStarlink en Ukraine\n"
    "starlink-small\tAbout 2,500 Starlink terminals were sent to Ukraine in March.\n"
    "jobs\tThe unemployment rate fell to 3.9% in the third quarter.\t\n"
    'quoted\tHe said "we will win" and the crowd cheered.\t"Quotes" in a title\n'
)


def run(queries: str, corpus: Path, top: int = 3) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claims.matching", "search", "--corpus", str(corpus), "--top", str(top)],
        input=queries,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )


def test_it_prints_query_corpus_rank_score_best_first_at_most_k_per_query(tmp_path):
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text(CORPUS, encoding="utf-8")
    queries = (
        "id\ttext\n"
        "q-en\tElon Musk says about 25,000 Starlink terminals were donated to Ukraine\n"
        "q-fr\tLe chômage est tombé à 3,9 % au troisième trimestre\n"
    )
    result = run(queries, corpus, top=2)
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(cells) == 4 for cells in lines)
    by_query: dict[str, list[list[str]]] = {}
    for cells in lines:
        by_query.setdefault(cells[0], []).append(cells)
    assert set(by_query) == {"q-en", "q-fr"} and all(len(v) == 2 for v in by_query.values())
    for rows in by_query.values():
        assert [r[2] for r in rows] == ["1", "2"]
        scores = [float(r[3]) for r in rows]
        assert scores == sorted(scores, reverse=True)
    # A French claim meets its English version; 25 000 is not 2 500.
    assert by_query["q-en"][0][1] == "starlink" and by_query["q-fr"][0][1] == "jobs"


def test_quote_marks_are_text_not_quoting(tmp_path):
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text(CORPUS, encoding="utf-8")
    result = run('id\ttext\nq"1\t"we will win" he said\n', corpus, top=1)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\t")[:3] == ['q"1', "quoted", "1"]


def test_a_missing_header_or_file_is_a_clear_error(tmp_path):
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text("a\tb\n", encoding="utf-8")
    result = run("id\ttext\nq\tx\n", corpus)
    assert result.returncode == 2 and "header" in result.stderr and "Traceback" not in result.stderr
    result = run("id\ttext\nq\tx\n", tmp_path / "missing.tsv")
    assert result.returncode == 2 and "Traceback" not in result.stderr
