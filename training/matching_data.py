"""The labelled data claim matching is fitted and measured on (read from ../shared/eval, never copied).

- CheckThat! 2020 task 2 (tweets → the Snopes claim they repeat): train (fit) and dev (report).
- news_train: the 106 train articles sentence by sentence in French and English (cross-lingual).
- CheckThat! 2025 claim normalisation dev: posts → the claim a fact-checker wrote (French, English).
- False-match pairs: different claims of the train articles that share a number or a name.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED") or (REPO.parent / "shared")).resolve()
EVAL = SHARED / "eval"
CT20 = EVAL / "claim_matching" / "ct20_en"


@dataclass
class RetrievalSet:
    name: str
    corpus_ids: list[str]
    corpus_texts: list[str]
    corpus_titles: list[str]
    query_ids: list[str]
    query_texts: list[str]
    relevant: dict[str, set[str]]  # query id → corpus ids


def _tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def ct20(split: str) -> RetrievalSet:
    """CheckThat! 2020 task 2 English: `split` is "train" or "dev"."""
    claims = _tsv(CT20 / "verified_claims.docs.tsv")[1:]
    queries = _tsv(CT20 / split / "tweets.queries.tsv")[1:]
    relevant: dict[str, set[str]] = {}
    for row in _tsv(CT20 / split / "tweet-vclaim-pairs.qrels"):
        if len(row) >= 4 and row[3].strip() == "1":
            relevant.setdefault(row[0], set()).add(row[2])
    queries = [q for q in queries if q[0] in relevant]
    return RetrievalSet(
        f"ct20_{split}",
        [c[0] for c in claims],
        [c[1] for c in claims],
        [c[2] if len(c) > 2 else "" for c in claims],
        [q[0] for q in queries],
        ["\t".join(q[1:]) for q in queries],
        relevant,
    )


def news_pairs() -> list[tuple[str, str, str, str]]:
    """(doc_id, label, French sentence, English sentence) for every aligned train sentence."""
    pairs = []
    with open(EVAL / "news_train" / "wmt14_news_train.jsonl", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            for sentence in doc["sentences"]:
                pairs.append((doc["doc_id"], sentence["label"], sentence["fr"], sentence["en"]))
    return pairs


def cross_lingual(source: str, docs: int | None = None) -> RetrievalSet:
    """Each check-worthy sentence in `source` ("fr" or "en") finds its translation among all sentences
    of the other language (of the first `docs` articles only, when given: a cheaper sample)."""
    pairs = news_pairs()
    if docs:
        keep = list(dict.fromkeys(p[0] for p in pairs))[:docs]
        pairs = [p for p in pairs if p[0] in set(keep)]
    target = "en" if source == "fr" else "fr"
    col = {"fr": 2, "en": 3}
    corpus_ids = [f"s{i}" for i in range(len(pairs))]
    corpus = [p[col[target]] for p in pairs]
    queries = [(f"s{i}", p[col[source]]) for i, p in enumerate(pairs) if p[1] == "cw"]
    return RetrievalSet(
        f"crosslingual_{source}_to_{target}",
        corpus_ids,
        corpus,
        [""] * len(corpus),
        [f"q{qid}" for qid, _t in queries],
        [t for _q, t in queries],
        {f"q{qid}": {qid} for qid, _t in queries},
    )


def claim_normalization(language: str, posts: int | None = None) -> RetrievalSet:
    """CheckThat! 2025 dev: each `language` ("fra"/"eng") post → its normalised claim, among all 1,265
    (the first `posts` posts only, when given: a cheaper sample)."""
    rows = {}
    for lang in ("fra", "eng"):
        with open(EVAL / "claim_normalization" / f"dev-{lang}.csv", encoding="utf-8") as handle:
            rows[lang] = list(csv.DictReader(handle))
    claims = sorted({r["normalized claim"].strip() for lang in rows for r in rows[lang]})
    claim_id = {c: f"c{i}" for i, c in enumerate(claims)}
    posts = rows[language][:posts] if posts else rows[language]
    return RetrievalSet(
        f"normalization_{language}",
        [claim_id[c] for c in claims],
        claims,
        [""] * len(claims),
        [f"p{i}" for i in range(len(posts))],
        [p["post"] for p in posts],
        {f"p{i}": {claim_id[p["normalized claim"].strip()]} for i, p in enumerate(posts)},
    )


def train_article_items() -> list[tuple[str, str]]:
    """(article id, item text) for every gold item of the train articles, both languages."""
    items = []
    for lang in ("fr", "en"):
        with open(EVAL / "articles" / f"gold_{lang}_train.jsonl", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                for item in doc.get("items", doc.get("claims", [])):
                    items.append((doc["doc_id"], item["text"]))
    return items


def train_article_languages() -> dict[str, str]:
    """Item text → the language of its train article ("fr" or "en")."""
    out = {}
    for lang in ("fr", "en"):
        with open(EVAL / "articles" / f"gold_{lang}_train.jsonl", encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                for item in doc.get("items", doc.get("claims", [])):
                    out[item["text"]] = lang
    return out
