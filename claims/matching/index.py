"""The hybrid index: BM25 and dense candidates, re-ranked with number and name agreement."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from claims.matching import adapter as adapters
from claims.matching import text as T
from claims.matching.encoder import Encoder

MODEL_FILE = Path(__file__).resolve().parent / "model.json"
CANDIDATES = 10  # from each of BM25 and the encoder over the whole index: the re-ranker's fitting shape
# BM25 with a light length normalisation: fact-check claims are short, tweets and posts long
# (chosen on CheckThat! 2020 train: MAP@5 0.793 against 0.791 for bm25s' default 1.5/0.75).
BM25_K1, BM25_B = 0.9, 0.4

RRF_K = 60  # reciprocal-rank signals: K / (K + rank), 1 down to 0

FEATURES = (
    "cosine",
    "cosine_gap",
    "cosine_rrf",
    "acosine",
    "acosine_rrf",
    "bm25",
    "bm25_rel",
    "bm25_rrf",
    "numbers_agree",
    "numbers_conflict",
    "numbers_one_side",
    "names",
    "names_missing",
)


@dataclass
class Match:
    id: str
    score: float  # the ranking model's: orders a query's candidates
    features: dict = field(default_factory=dict)
    link_score: float = 0.0  # the linking model's: compared with the suggest and auto-link thresholds
    veto: str = ""  # why the pair cannot be the same claim (index.veto): never linked, not even suggested


def _tree_value(tree: list, features: dict) -> float:
    """One regression tree as rows [feature, threshold, left, right, value]; a leaf has feature None."""
    node = tree[0]
    while node[0] is not None:
        node = tree[node[2] if features[node[0]] <= node[1] else node[3]]
    return node[4]


def _logistic(weights: dict, bias: float, features: dict) -> float:
    z = bias + sum(weights.get(name, 0.0) * features[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass
class Reranker:
    """Two logistic models over FEATURES. The ranking one orders candidates and leans on signals
    relative to the other candidates (ranks, gaps), which say nothing about a lone pair; the linking
    one decides whether a pair is the same claim from absolute signals, and `suggest` and `autolink`
    are thresholds on it."""

    weights: dict
    bias: float
    suggest: float = 0.5
    autolink: float = 0.9
    link_weights: dict = field(default_factory=dict)
    link_bias: float = 0.0

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> Reranker:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        link = data.get("link") or {"weights": data["weights"], "bias": data["bias"]}
        trees = data.get("trees")
        return cls(
            weights=data["weights"],
            bias=data["bias"],
            suggest=data["suggest"],
            autolink=data["autolink"],
            link_weights=link["weights"],
            link_bias=link["bias"],
            trees=(trees["baseline"], trees["trees"]) if trees else None,
        )

    trees: list | None = (
        None  # gradient-boosted trees: (baseline, [[feature, threshold, left, right, value], …])
    )

    def score(self, features: dict) -> float:
        if not self.trees:
            return _logistic(self.weights, self.bias, features)
        baseline, forest = self.trees
        z = baseline + sum(_tree_value(tree, features) for tree in forest)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def link_score(self, features: dict) -> float:
        return _logistic(self.link_weights, self.link_bias, features)


def pair_features(
    cosine: float,
    bm25: float,
    bm25_best: float,
    q_numbers: frozenset,
    d_numbers: frozenset,
    q_names: frozenset,
    d_names: frozenset,
    cosine_best: float | None = None,
    cosine_rank: int = 1,
    bm25_rank: int = 1,
    acosine: float | None = None,
    acosine_rank: int | None = None,
) -> dict:
    """The re-ranker's signals for one (query, document) pair; `bm25_best` and `cosine_best` are the
        best scores among the query's candidates, the ranks are the document's among them by each signal
    (a lone pair is its own best, first on both). `acosine` is the cosine of the adapted query vector
    (claims.matching.adapter; the plain cosine when not given)."""
    both = bool(q_numbers) and bool(d_numbers)
    return {
        "cosine": float(cosine),
        # How far behind the query's nearest document: the same cosine means less in a crowd.
        "cosine_gap": float(cosine) - float(cosine if cosine_best is None else cosine_best),
        "cosine_rrf": RRF_K / (RRF_K + cosine_rank),
        "acosine": float(cosine if acosine is None else acosine),
        "acosine_rrf": RRF_K / (RRF_K + (cosine_rank if acosine_rank is None else acosine_rank)),
        "bm25": math.log1p(max(0.0, bm25)),
        "bm25_rrf": RRF_K / (RRF_K + bm25_rank) if bm25 > 0 else 0.0,
        "bm25_rel": (bm25 / bm25_best) if bm25_best > 0 else 0.0,
        "numbers_agree": T.overlap(q_numbers, d_numbers) if both else 0.0,
        "numbers_conflict": 1.0 if both and not (q_numbers & d_numbers) else 0.0,
        "numbers_one_side": 1.0 if bool(q_numbers) != bool(d_numbers) else 0.0,
        "names": T.overlap(q_names, d_names),
        # Names the query gives that the document lacks (a different person, place or body).
        "names_missing": (len(q_names - d_names) / len(q_names)) if q_names and d_names else 0.0,
    }


def ranks(scores: list[float]) -> list[int]:
    """1 for the best score, 2 for the next…; ties keep their order."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    out = [0] * len(scores)
    for rank, i in enumerate(order, start=1):
        out[i] = rank
    return out


@dataclass(frozen=True)
class Facts:
    """What a claim states that words alone do not settle: its amounts, its years, its names."""

    quantities: frozenset
    years: frozenset
    names: frozenset

    @classmethod
    def of(cls, text: str) -> Facts:
        return cls(T.quantities(text), T.years(text), T.names(text))


def veto(a: Facts, b: Facts, *, dates: bool = True) -> str:
    """Why two claims cannot be the same claim however alike their words, or "" if nothing forbids it.

    The encoder gives two news sentences of one language that state figures a cosine of about 0.9
    whatever the figures ("5 000 lits" and "un budget de 1,2 milliard"), but a claim is its figures:
    1. "numbers": each states amounts and no amount of one is an amount of the other
       (text.same_amount: by value, as rounded in the less precise of the two);
    2. "dates" (with `dates`): each is dated by years and they share none ("d'ici à 2050" /
       "d'ici à 2028").
    Times of day, links and a post's signature date are neither. A side that states none says
    nothing against the other: a paraphrase without the number stays a candidate, and amounts are
    compared by value, so "25 000 terminaux" and "25,000 terminals", "4,5 Md$" and "$4.5 billion"
    agree.

    Measured on train data (docs/matching.md): two reports of one claim date it alike, but a
    fact-check dates the claim it reviews its own way ("Nazi Germany in 1939" / "Georgia in 2018" is
    one photo): years took 5 of the 199 true CheckThat! 2020 tweet → fact-check matches suggested,
    so claims are matched to fact-checks without `dates`. Names are not part of it: across
    languages they are translated ("États-Unis" / "United States"), and 15% of the train articles'
    French–English sentence pairs name someone the other does not.
    """
    if a.quantities and b.quantities:
        if not any(T.same_amount(x, y) for x in a.quantities for y in b.quantities):
            return "numbers"
    if dates and a.years and b.years and not (a.years & b.years):
        return "dates"
    return ""


def disagree(features: dict) -> bool:
    """Two claims that state different numbers, or name different people or bodies, are never linked
    without a person's say, however alike their words ("25 000 terminaux" is not "2 500 terminaux")."""
    return bool(features.get("numbers_conflict")) or features.get("names_missing", 0.0) > 0.5


def differs(match: Match) -> str:
    """Why a pair is not the same claim however alike its words: the veto's reason ("numbers",
    "dates": never linked), else "names" when the query names someone the other does not (not linked
    without a person's say, see `disagree`); "" when nothing says so."""
    if match.veto:
        return match.veto
    return "names" if match.features.get("names_missing", 0.0) > 0.5 else ""


class MatchIndex:
    """Documents (id, text[, title]) searchable by claim text in any language the encoder knows."""

    def __init__(
        self,
        ids: list[str],
        texts: list[str],
        titles: list[str] | None = None,
        *,
        encoder: Encoder | None = None,
        reranker: Reranker | None = None,
        doc_kind: str = "query",
        veto_dates: bool = True,
        pool: int = CANDIDATES,
    ):
        import bm25s

        if len(ids) != len(texts) or (titles is not None and len(titles) != len(texts)):
            raise ValueError("ids, texts and titles must have the same length")
        self.ids = list(ids)
        self.texts = [f"{t} {titles[i]}".strip() if titles and titles[i] else t for i, t in enumerate(texts)]
        self.encoder = encoder or Encoder()
        self.reranker = reranker or Reranker.load()
        self.doc_kind = doc_kind
        self.veto_dates = veto_dates  # False for fact-checks: they date a claim their own way (veto)
        self.pool = pool  # candidates from each of BM25, the encoder and the adapted encoder
        self.adapter = adapters.load()
        self._bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        tokens = [T.words(t) or ["_empty_"] for t in self.texts]
        self._bm25.index(tokens, show_progress=False) if self.texts else None
        self.vectors = self.encoder.embed(self.texts, kind=doc_kind)
        self.numbers = [T.numbers(t) for t in self.texts]
        self.names = [T.names(t) for t in self.texts]
        self.facts = [Facts.of(t) for t in self.texts]

    @classmethod
    def from_vectors(
        cls,
        ids: list[str],
        texts: list[str],
        vectors: np.ndarray,
        *,
        reranker: Reranker | None = None,
        veto_dates: bool = True,
    ) -> MatchIndex:
        """An index over documents already embedded (the product's stored claim vectors)."""
        index = cls.__new__(cls)
        import bm25s

        index.ids, index.texts = list(ids), list(texts)
        index.encoder = None
        index.reranker = reranker or Reranker.load()
        index.doc_kind = "query"
        index.veto_dates = veto_dates
        index.pool = CANDIDATES
        index.adapter = adapters.load()
        index._bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        if texts:
            index._bm25.index([T.words(t) or ["_empty_"] for t in texts], show_progress=False)
        index.vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        index.numbers = [T.numbers(t) for t in texts]
        index.names = [T.names(t) for t in texts]
        index.facts = [Facts.of(t) for t in texts]
        return index

    def rank(self, query: str, q_vector: np.ndarray, top: int) -> list[Match]:
        """Rank the documents for a query already embedded."""
        return self._rank(query, q_vector, top) if self.texts else []

    def __len__(self) -> int:
        return len(self.ids)

    def _lexical(self, query: str) -> np.ndarray:
        tokens = T.words(query)
        if not tokens or not self.texts:
            return np.zeros(len(self.texts), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def search_many(self, queries: list[str], top: int = 5, query_kind: str = "query") -> list[list[Match]]:
        if not self.texts:
            return [[] for _ in queries]
        q_vectors = self.encoder.embed(queries, kind=query_kind)
        return [self._rank(q, v, top) for q, v in zip(queries, q_vectors)]

    def search(self, query: str, top: int = 5, query_kind: str = "query") -> list[Match]:
        return self.search_many([query], top, query_kind)[0]

    def candidates(
        self, query: str, q_vector: np.ndarray, q_adapted: np.ndarray | None = None
    ) -> list[tuple[int, dict]]:
        """`q_adapted` overrides the adapter's image of `q_vector` (training: cross-fitted)."""
        lexical = self._lexical(query)
        cosine = self.vectors @ q_vector
        if q_adapted is None:
            q_adapted = adapters.apply(q_vector, self.adapter)
        acosine = self.vectors @ q_adapted
        n = min(self.pool, len(self.texts))
        pool = set(np.argpartition(-cosine, n - 1)[:n].tolist())
        pool |= set(np.argpartition(-acosine, n - 1)[:n].tolist())
        if lexical.any():
            pool |= set(np.argpartition(-lexical, n - 1)[:n].tolist())
        best = float(lexical.max()) if lexical.size else 0.0
        cosine_best = float(cosine.max())
        pool = sorted(pool)
        cosine_rank = ranks([float(cosine[i]) for i in pool])
        acosine_rank = ranks([float(acosine[i]) for i in pool])
        bm25_rank = ranks([float(lexical[i]) for i in pool])
        q_numbers, q_names = T.numbers(query), T.names(query)
        return [
            (
                i,
                pair_features(
                    cosine[i],
                    lexical[i],
                    best,
                    q_numbers,
                    self.numbers[i],
                    q_names,
                    self.names[i],
                    cosine_best,
                    cosine_rank=cr,
                    bm25_rank=br,
                    acosine=acosine[i],
                    acosine_rank=ar,
                ),
            )
            for i, cr, br, ar in zip(pool, cosine_rank, bm25_rank, acosine_rank)
        ]

    def _rank(self, query: str, q_vector: np.ndarray, top: int) -> list[Match]:
        facts = Facts.of(query)
        scored = [
            Match(
                self.ids[i],
                self.reranker.score(features),
                features,
                self.reranker.link_score(features),
                veto(facts, self.facts[i], dates=self.veto_dates),
            )
            for i, features in self.candidates(query, q_vector)
        ]
        scored.sort(key=lambda m: (-m.score, m.id))
        return scored[:top]
