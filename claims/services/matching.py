"""Matching in the product: embed new claims, link them to the same claim in other articles and to
imported fact-checks, and answer "has this been checked before?".

Two thresholds, like Meedan Check: at MATCH_SUGGEST_THRESHOLD a link is *suggested* for a person to
confirm or reject; at MATCH_AUTOLINK_THRESHOLD it is made without asking. A rejected pair is kept
as rejected and never suggested again.

Vectors live in the database (float32 bytes); each process keeps a numpy copy (VectorStore) that
catches up with rows added since it last looked, so nothing is local to one machine.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.matching import adapter as adapters
from claims.matching.encoder import DIM, Encoder, vector_key
from claims.matching.index import Match, MatchIndex, Reranker, differs, disagree
from claims.models import Claim, ClaimLink, ClaimVector, FactCheck
from claims.services.clusters import clusters_refresh

POOL = 50  # nearest vectors re-ranked per claim


def thresholds() -> tuple[float, float]:
    reranker = Reranker.load()
    suggest = getattr(settings, "MATCH_SUGGEST_THRESHOLD", None) or reranker.suggest
    autolink = getattr(settings, "MATCH_AUTOLINK_THRESHOLD", None) or reranker.autolink
    return float(suggest), float(autolink)


_encoder: Encoder | None = None


def encoder() -> Encoder:
    global _encoder
    if _encoder is None:
        _encoder = Encoder()
    return _encoder


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)


class VectorStore:
    """A process's numpy copy of stored vectors, refreshed by primary key (new rows only)."""

    def __init__(self, kind: str):
        self.kind = kind  # "claim" or "factcheck"
        self.ids = np.zeros(0, dtype=np.int64)
        self.groups = np.zeros(0, dtype=np.int64)  # the claim's article (0 for fact-checks)
        self.matrix = np.zeros((0, DIM), dtype=np.float32)
        self._lock = threading.Lock()

    def _rows(self, after: int):
        if self.kind == "claim":
            return (
                ClaimVector.objects.filter(pk__gt=after, indexed=True)
                .order_by("pk")
                .values_list("pk", "claim__article_id", "vector")
            )
        return (
            FactCheck.objects.filter(pk__gt=after, vector__isnull=False)
            .order_by("pk")
            .values_list("pk", "pk", "vector")
        )

    def refresh(self) -> None:
        with self._lock:
            after = int(self.ids[-1]) if len(self.ids) else 0
            ids, groups, vectors = [], [], []
            for pk, group, data in self._rows(after).iterator(chunk_size=2000):
                ids.append(pk)
                groups.append(group if self.kind == "claim" else 0)
                vectors.append(from_bytes(data))
            if ids:
                self.ids = np.concatenate([self.ids, np.array(ids, dtype=np.int64)])
                self.groups = np.concatenate([self.groups, np.array(groups, dtype=np.int64)])
                self.matrix = np.vstack([self.matrix, np.vstack(vectors).astype(np.float32)])

    def nearest(self, vector: np.ndarray, k: int, *, exclude_group: int | None = None) -> list[int]:
        if not len(self.ids):
            return []
        scores = self.matrix @ vector
        if exclude_group is not None:
            scores = np.where(self.groups == exclude_group, -2.0, scores)
        n = min(k, len(scores))
        best = np.argpartition(-scores, n - 1)[:n]
        return [int(self.ids[i]) for i in best if scores[i] > -2.0]


CLAIMS = VectorStore("claim")
FACT_CHECKS = VectorStore("factcheck")


def keep_vectors(claims: list[Claim], encoded: dict[str, np.ndarray]) -> int:
    """Store, not yet indexed, the vectors extraction computed for new claims (``encoded``: by the
    exact text encoded, ``Extraction.encoded``); `embed_claims` takes them in instead of encoding the
    same text again. Returns how many were stored."""
    rows = [
        ClaimVector(claim=c, vector=to_bytes(encoded[c.text]), key=vector_key(c.text), indexed=False)
        for c in claims
        if c.text in encoded
    ]
    ClaimVector.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def embed_claims(claims: list[Claim]) -> dict[int, np.ndarray]:
    """Index a vector for each claim that has none; return every claim's vector.

    A vector extraction kept (`keep_vectors`) is taken in when the claim's text is still the text it
    encodes (same key: encoder, prefix, text); after a desk edit, or without one, the text is encoded.
    """
    have: dict[int, np.ndarray] = {}
    kept: dict[int, tuple[np.ndarray, str]] = {}
    rows = ClaimVector.objects.filter(claim__in=claims).values_list("pk", "vector", "key", "indexed")
    for pk, data, key, indexed in rows:
        if indexed:
            have[pk] = from_bytes(data)
        else:
            kept[pk] = (from_bytes(data), key)
    todo = [c for c in claims if c.pk not in have]
    reused = {c.pk: kept[c.pk][0] for c in todo if c.pk in kept and kept[c.pk][1] == vector_key(c.text)}
    missing = [c for c in todo if c.pk not in reused]
    if reused:
        ClaimVector.objects.filter(pk__in=list(reused), indexed=False).update(indexed=True)
        have.update(reused)
    if missing:
        vectors = encoder().embed([c.text for c in missing], kind="query")
        # a vector kept for a text the desk has changed since goes; the new text's takes its place
        ClaimVector.objects.filter(pk__in=[c.pk for c in missing], indexed=False).delete()
        rows = [
            ClaimVector(claim=c, vector=to_bytes(v), key=vector_key(c.text)) for c, v in zip(missing, vectors)
        ]
        ClaimVector.objects.bulk_create(rows, ignore_conflicts=True)
        have.update({c.pk: v for c, v in zip(missing, vectors)})
    return have


@dataclass
class Candidate:
    match: Match
    claim: Claim | None = None
    fact_check: FactCheck | None = None
    strength: str = ""  # "autolink" or "suggest": the threshold its link score reaches (search())

    @property
    def score(self) -> float:
        """The score a person sees: the link score, the one the thresholds and `strength` are on."""
        return self.match.link_score

    @property
    def differs(self) -> str:
        return differs(self.match)


def _rank_claims(text: str, vector: np.ndarray, pks: list[int], top: int) -> list[Candidate]:
    claims = {c.pk: c for c in Claim.objects.filter(pk__in=pks).select_related("article", "verdict")}
    pks = [pk for pk in pks if pk in claims]
    if not pks:
        return []
    vectors = np.vstack([CLAIMS.matrix[np.searchsorted(CLAIMS.ids, pk)] for pk in pks])
    index = MatchIndex.from_vectors([str(pk) for pk in pks], [claims[pk].text for pk in pks], vectors)
    return [Candidate(m, claim=claims[int(m.id)]) for m in index.rank(text, vector, top)]


def _nearest_fact_checks(vector: np.ndarray) -> list[int]:
    """The fact-checks nearest the claim's vector and nearest its adapted image (claims.matching.adapter,
    fitted for post → fact-check search): one more product over the fact-checks, no second stored
    vector. On CheckThat! 2020 dev in this shape, MAP@5 0.878 → 0.897 (docs/matching.md)."""
    pks = FACT_CHECKS.nearest(vector, POOL)
    adapted = adapters.apply(vector, adapters.load())
    if adapted is vector:
        return pks
    return list(dict.fromkeys(pks + FACT_CHECKS.nearest(adapted, POOL)))


def _rank_fact_checks(text: str, vector: np.ndarray, pks: list[int], top: int) -> list[Candidate]:
    checks = FactCheck.objects.in_bulk(pks)
    pks = [pk for pk in pks if pk in checks]
    if not pks:
        return []
    vectors = np.vstack([FACT_CHECKS.matrix[np.searchsorted(FACT_CHECKS.ids, pk)] for pk in pks])
    # A fact-check dates the claim it reviews its own way: years do not veto (index.veto).
    texts = [checks[pk].claim_text for pk in pks]
    index = MatchIndex.from_vectors([str(pk) for pk in pks], texts, vectors, veto_dates=False)
    return [Candidate(m, fact_check=checks[int(m.id)]) for m in index.rank(text, vector, top)]


def _link(
    claim: Claim, match: Match, *, other: Claim | None = None, fact_check: FactCheck | None = None
) -> None:
    """Suggest or make the link `match` calls for, if any.

    A pair the engine vetoes (claims.matching.index.veto: each states figures or years and they
    share none) is never linked, not even suggested, however alike its words; a machine link such a
    pair still has from before the rule is removed (a person's confirmation or rejection stays).
    """
    suggest, autolink = thresholds()
    score = match.link_score
    if score < suggest:
        return
    target = {"other": other} if other is not None else {"fact_check": fact_check}
    if match.veto:
        machine = [ClaimLink.Status.SUGGESTED, ClaimLink.Status.AUTO]
        ClaimLink.objects.filter(claim=claim, status__in=machine, **target).delete()
        return
    status = (
        ClaimLink.Status.AUTO
        if score >= autolink and not disagree(match.features)
        else ClaimLink.Status.SUGGESTED
    )
    try:
        with transaction.atomic():
            link, created = ClaimLink.objects.get_or_create(
                claim=claim, **target, defaults={"score": score, "status": status}
            )
    except IntegrityError:  # another worker linked the same pair a moment ago
        return
    if (
        not created
        and link.status in (ClaimLink.Status.SUGGESTED, ClaimLink.Status.AUTO)
        and score > link.score
    ):
        ClaimLink.objects.filter(pk=link.pk).update(score=score, status=status)


def link_article(article_id: int) -> int:
    """Embed the article's claims and link each to matching claims of other articles and to
    fact-checks (both directions for claims). Returns how many links now exist for them."""
    claims = list(Claim.objects.filter(article_id=article_id))
    if not claims:
        return 0
    vectors = embed_claims(claims)
    CLAIMS.refresh()
    FACT_CHECKS.refresh()
    for claim in claims:
        vector = vectors[claim.pk]
        for candidate in _rank_claims(
            claim.text, vector, CLAIMS.nearest(vector, POOL, exclude_group=article_id), POOL
        ):
            _link(claim, candidate.match, other=candidate.claim)
            _link(candidate.claim, candidate.match, other=claim)
        for candidate in _rank_fact_checks(claim.text, vector, _nearest_fact_checks(vector), POOL):
            _link(claim, candidate.match, fact_check=candidate.fact_check)
    clusters_refresh(c.pk for c in claims)
    return (
        ClaimLink.objects.filter(claim__article_id=article_id)
        .exclude(status=ClaimLink.Status.REJECTED)
        .count()
    )


def search(text: str, top: int = 10) -> list[Candidate]:
    """ "Check a claim": the claims and fact-checks that matching would link to `text` or suggest, in
    any language, best first.

    1. Rank the nearest claims and fact-checks (the re-ranker orders each kind's candidates).
    2. Keep those whose link score reaches the suggest threshold: below it a result is no closer
       than unrelated sentences of one topic, and matching would not show it either.
    3. Mark each with the threshold it reaches (`strength`), and put first those matching would
       link without asking, then those it would suggest, then those that state other figures,
       dates or names (`differs`): "25 000 terminaux" is answered with 25 000 before 2 500.
    """
    text = (text or "").strip()
    if not text:
        return []
    vector = encoder().embed([text[:2000]], kind="query")[0]
    CLAIMS.refresh()
    FACT_CHECKS.refresh()
    found = _rank_claims(text, vector, CLAIMS.nearest(vector, POOL), POOL)
    found += _rank_fact_checks(text, vector, _nearest_fact_checks(vector), POOL)
    suggest, autolink = thresholds()
    found = [c for c in found if c.score >= suggest]
    for candidate in found:
        strong = candidate.score >= autolink and not disagree(candidate.match.features)
        candidate.strength = "autolink" if strong and not candidate.match.veto else "suggest"
    found.sort(key=lambda c: (bool(c.differs), c.strength != "autolink", -c.match.score))
    return found[:top]


def decide(link: ClaimLink, *, confirm: bool, by) -> ClaimLink:
    """Confirm or reject a link (and its mirror between the two claims)."""
    status = ClaimLink.Status.CONFIRMED if confirm else ClaimLink.Status.REJECTED
    now = timezone.now()
    with transaction.atomic():
        ClaimLink.objects.filter(pk=link.pk).update(status=status, decided_by=by, decided_at=now)
        if link.other_id:
            ClaimLink.objects.filter(claim_id=link.other_id, other_id=link.claim_id).update(
                status=status, decided_by=by, decided_at=now
            )
            # A rejection may split a cluster in two: both sides are recomputed.
            clusters_refresh([link.claim_id, link.other_id])
    link.refresh_from_db()
    return link


def embed_fact_checks(checks: list[FactCheck]) -> None:
    todo = [c for c in checks if not c.vector]
    if not todo:
        return
    vectors = encoder().embed([c.claim_text for c in todo], kind="query")
    for check, vector in zip(todo, vectors):
        check.vector = to_bytes(vector)
    FactCheck.objects.bulk_update(todo, ["vector"])
