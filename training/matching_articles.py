"""Long news text → claim pairs from the train articles (never dev), for fitting and choosing matching.

Each check-worthy gold item of a train article (French and English) gives a query: the article's
headline and a window of its lines around the item's line; the item's own text is the document to
find among every gold item of every train article, both languages (1,5xx texts). Two variants:
"window" keeps the item's line in the query (a post that states the claim among other text),
"context" leaves it out (only what surrounds the claim). Other items whose text is in the query
are set aside for that query (`ignore`): the query states them too, so they are neither right nor
wrong. Queries are grouped by article for k-fold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from training.matching_data import EVAL, RetrievalSet


@dataclass
class ArticlePairs(RetrievalSet):
    groups: dict[str, str] = field(default_factory=dict)  # query id → article id
    ignore: dict[str, set[str]] = field(default_factory=dict)  # query id → corpus ids set aside
    languages: dict[str, str] = field(default_factory=dict)  # query or corpus id → "fr" / "en"


def _articles(lang: str) -> list[tuple[dict, dict]]:
    with open(EVAL / "articles" / f"{lang}_train.jsonl", encoding="utf-8") as handle:
        texts = {d["doc_id"]: d for d in map(json.loads, handle)}
    with open(EVAL / "articles" / f"gold_{lang}_train.jsonl", encoding="utf-8") as handle:
        return [(texts[g["doc_id"]], g) for g in map(json.loads, handle)]


def build(articles: list[tuple[dict, dict]], variant: str = "window", radius: int = 1) -> ArticlePairs:
    """`articles`: (article, gold) rows as in ../shared/eval/articles ({"doc_id", "lang", "title",
    "text"} and {"claims": [{"text", "checkworthy"}]})."""
    if variant not in ("window", "context"):
        raise ValueError(f"variant must be 'window' or 'context', not {variant!r}")
    corpus: dict[str, str] = {}  # text → id (one id per distinct item text)
    out = ArticlePairs("articles_" + variant, [], [], [], [], [], {})
    for article, gold in articles:
        for item in gold.get("claims", gold.get("items", [])):
            text = item["text"].strip()
            if text and text not in corpus:
                corpus[text] = f"a{len(corpus)}"
                out.corpus_ids.append(corpus[text])
                out.corpus_texts.append(text)
                out.corpus_titles.append("")
                out.languages[corpus[text]] = article["lang"]
    for article, gold in articles:
        lines = [line.strip() for line in article["text"].split("\n")]
        title = (article.get("title") or "").strip()
        start = 1 if lines and lines[0] == title else 0  # the text repeats the headline
        items = [i["text"].strip() for i in gold.get("claims", gold.get("items", []))]
        for n, item in enumerate(gold.get("claims", gold.get("items", []))):
            text = item["text"].strip()
            at = next((i for i in range(start, len(lines)) if text in lines[i]), None)
            if not item.get("checkworthy") or at is None:
                continue
            span = range(max(start, at - radius), min(len(lines), at + radius + 1))
            window = [
                lines[i].replace(text, " ").strip() if variant == "context" and i == at else lines[i]
                for i in span
            ]
            query = "\n".join(part for part in [title, *window] if part)
            qid = f"{article['doc_id']}#{n}"
            out.query_ids.append(qid)
            out.query_texts.append(query)
            out.relevant[qid] = {corpus[text]}
            out.groups[qid] = article["doc_id"]
            out.languages[qid] = article["lang"]
            out.ignore[qid] = {corpus[other] for other in items if other != text and other and other in query}
    return out


def article_pairs(variant: str = "window", radius: int = 1, languages=("fr", "en")) -> ArticlePairs:
    """Every check-worthy item of the train articles as a query (`build`), queries of `languages`
    only; the corpus is every item of both languages. "both": the window and the context queries."""
    rows = _articles("fr") + _articles("en")
    if variant == "both":
        pairs, context = build(rows, "window", radius), build(rows, "context", radius)
        for qid, text in zip(context.query_ids, context.query_texts):
            new = qid + "/context"
            pairs.query_ids.append(new)
            pairs.query_texts.append(text)
            pairs.relevant[new] = context.relevant[qid]
            pairs.groups[new] = context.groups[qid]
            pairs.languages[new] = context.languages[qid]
            pairs.ignore[new] = context.ignore[qid]
    else:
        pairs = build(rows, variant, radius)
    keep = [i for i, q in enumerate(pairs.query_ids) if pairs.languages[q] in languages]
    pairs.query_ids = [pairs.query_ids[i] for i in keep]
    pairs.query_texts = [pairs.query_texts[i] for i in keep]
    pairs.relevant = {q: pairs.relevant[q] for q in pairs.query_ids}
    return pairs


def rankings_without_ignored(pairs: ArticlePairs, rankings: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each query's ranking with its set-aside items removed."""
    return {q: [d for d in ranked if d not in pairs.ignore.get(q, ())] for q, ranked in rankings.items()}


def folds(pairs: ArticlePairs, n: int = 5) -> list[int]:
    """Each query's fold (0…n-1), by article: all queries of one article are held out together."""
    articles = sorted(set(pairs.groups[q] for q in pairs.query_ids))
    fold = {a: i % n for i, a in enumerate(articles)}
    return [fold[pairs.groups[q]] for q in pairs.query_ids]


def without_ignored(pairs: ArticlePairs, pools: list) -> list:
    """Index pools (query id, [(doc id, features)]) with each query's set-aside items left out."""
    return [(q, [(d, f) for d, f in cands if d not in pairs.ignore.get(q, ())]) for q, cands in pools]
