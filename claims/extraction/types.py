"""Plain dataclasses returned by the extractor (no ORM, JSON-serialisable via ``asdict``)."""

from __future__ import annotations

from dataclasses import dataclass, field

CLAIM_TYPES = ("quantity", "quote", "event", "comparison", "causal", "prediction", "other")


@dataclass
class Quantity:
    raw: str
    value: float | None
    unit: str
    approximate: bool
    vague: bool
    start: int
    end: int


@dataclass
class Entity:
    text: str
    label: str
    start: int
    end: int


@dataclass
class Claim:
    start: int
    end: int
    text: str
    type: str
    types: list[str]
    score: float
    checkworthy: bool
    speaker: str | None
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


@dataclass
class Extraction:
    language: str
    extractor_version: str
    claims: list[Claim] = field(default_factory=list)

    def __post_init__(self):
        # The sentence-encoder vectors check-worthiness computed for the claims, by the exact text
        # encoded (claims.extraction.cw_embed.collecting): matching reuses a claim's vector while its
        # text is that text. An attribute, not a field: asdict() stays JSON.
        self.encoded: dict[str, object] = {}
