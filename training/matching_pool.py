"""Candidate pools for fitting and measuring the re-ranker.

`index_pools` asks `MatchIndex` itself (the union of BM25's and the encoder's top `pool` over the
whole corpus: what the CLI and the re-ranker see), which needs a vector for every document: 10,390
CheckThat! 2020 claims, several minutes of encoding the first time (then cached).
`pool_features` is the cheaper stand-in when that costs too much: BM25's top `k` only, and only
those documents are embedded. Features are the product's (`claims.matching.index.pair_features`),
with BM25 over the whole corpus.
"""

from __future__ import annotations

import numpy as np

from claims.matching import text as T
from claims.matching.encoder import Encoder
from claims.matching.index import BM25_B, BM25_K1, CANDIDATES, MatchIndex, pair_features, ranks


def documents(rset) -> list[str]:
    """The indexed text of each corpus item, as MatchIndex builds it (text, then title)."""
    titles = rset.corpus_titles
    texts = rset.corpus_texts
    return [f"{t} {titles[i]}".strip() if titles and titles[i] else t for i, t in enumerate(texts)]


class LexicalPools:
    def __init__(self, docs: list[str]):
        import bm25s

        self.docs = docs
        self.bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        self.bm25.index([T.words(d) or ["_empty_"] for d in docs], show_progress=False)

    def top(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        tokens = T.words(query)
        if not tokens:
            return np.zeros(0, dtype=int), np.zeros(0, dtype=np.float32)
        scores = np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)
        order = np.argsort(-scores, kind="stable")[:k]
        return order, scores[order]


def pool_features(
    rset, encoder: Encoder, k: int, *, limit: int | None = None
) -> list[tuple[str, list[tuple[str, dict]]]]:
    """For each query (the first `limit`): its BM25 top-k documents with their features."""
    docs = documents(rset)
    pools = LexicalPools(docs)
    queries = list(zip(rset.query_ids, rset.query_texts))[:limit]
    tops = [pools.top(text, k) for _qid, text in queries]
    needed = sorted({int(i) for order, _s in tops for i in order})
    vectors = dict(zip(needed, encoder.embed([docs[i] for i in needed], "query"))) if needed else {}
    q_vectors = encoder.embed([text for _qid, text in queries], "query")
    out = []
    for (qid, text), (order, scores), q_vector in zip(queries, tops, q_vectors):
        cosines = [float(vectors[int(i)] @ q_vector) for i in order]
        best_bm25 = float(scores.max()) if len(scores) else 0.0
        best_cos = max(cosines) if cosines else 0.0
        q_numbers, q_names = T.numbers(text), T.names(text)
        rows = []
        for i, score, cosine, cr, br in zip(order, scores, cosines, ranks(cosines), ranks(list(scores))):
            doc = docs[int(i)]
            rows.append(
                (
                    rset.corpus_ids[int(i)],
                    pair_features(
                        cosine,
                        float(score),
                        best_bm25,
                        q_numbers,
                        T.numbers(doc),
                        q_names,
                        T.names(doc),
                        best_cos,
                        cosine_rank=cr,
                        bm25_rank=br,
                    ),
                )
            )
        out.append((qid, rows))
    return out


def index_pools(
    rset, encoder: Encoder, pool: int = CANDIDATES, *, limit: int | None = None, adapted=None
) -> list[tuple[str, list[tuple[str, dict]]]]:
    """For each query (the first `limit`): the candidates `MatchIndex` re-ranks, with their features.
    `adapted` (one row per query) replaces the shipped adapter's query vectors (cross-fitting)."""
    index = MatchIndex(rset.corpus_ids, rset.corpus_texts, rset.corpus_titles, encoder=encoder, pool=pool)
    queries = list(zip(rset.query_ids, rset.query_texts))[:limit]
    q_vectors = encoder.embed([text for _qid, text in queries], "query")
    rows = adapted if adapted is not None else [None] * len(queries)
    return [
        (qid, [(index.ids[i], features) for i, features in index.candidates(text, vector, a)])
        for (qid, text), vector, a in zip(queries, q_vectors, rows)
    ]
