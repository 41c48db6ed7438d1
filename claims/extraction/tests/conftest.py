"""Shared helpers for the extraction tests (no Django, no database)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED") or (REPO.parent / "shared")).resolve()


def check_offsets(text, extraction):
    for c in extraction.claims:
        assert 0 <= c.start <= c.end <= len(text)
        assert text[c.start : c.end] == c.text
        assert c.type == c.types[0]
        assert 0.0 <= c.score <= 1.0
        for q in c.quantities:
            assert 0 <= q.start <= q.end <= len(text)
            assert text[q.start : q.end] == q.raw
        for e in c.entities:
            assert text[e.start : e.end] == e.text


def quantities(extraction):
    return [q for c in extraction.claims for q in c.quantities]


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture
def settings():
    """Stand-in for pytest-django's ``settings`` fixture.

    The repository's root conftest has an autouse fixture that takes ``settings``; these tests use no
    Django at all and must also run with ``-p no:django``, so they get a plain namespace instead."""
    from types import SimpleNamespace

    return SimpleNamespace()


def speaker_of(text, lang, words):
    """The speaker of the first claim whose text contains ``words`` (offsets checked on the way)."""
    from claims.extraction import extract

    ex = extract(text, lang)
    check_offsets(text, ex)
    hits = [c for c in ex.claims if words in c.text]
    assert hits, f"no claim holds {words!r}: {[c.text for c in ex.claims]}"
    return hits[0].speaker
