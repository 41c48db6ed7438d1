"""Claim extraction engine (pure Python, no Django).

from claims.extraction import extract, extract_many, detect_language
"""

from .engine import EXTRACTOR_VERSION, detect_language, extract, extract_many
from .types import Claim, Entity, Extraction, Quantity

__all__ = [
    "EXTRACTOR_VERSION",
    "Claim",
    "Entity",
    "Extraction",
    "Quantity",
    "detect_language",
    "extract",
    "extract_many",
]
