#!/usr/bin/env python3
"""Claim-matching quality on ../shared/eval (part of `make eval`).

    python bench/matching_eval.py [--sets ct20,crosslingual,normalization,false_matches]

- CheckThat! 2020 task 2 dev: MAP@5 (the re-ranker is fitted on its train split only);
- cross-lingual (news_train): each check-worthy French sentence finds its English version among all
  English sentences, and the reverse: success@1 and MRR;
- CheckThat! 2025 claim normalisation dev: each post finds its normalised claim among all 1,265:
  success@1, French and English;
- false matches: pairs of different claims of the train articles sharing a number or a name, the
  share the default thresholds would auto-link (and suggest), as the product decides (a vetoed pair
  is neither), in all and by same / cross language;
- true matches: the train articles' check-worthy French–English sentence pairs, the share linked or
  suggested (what the veto must not take away).
Embeddings are cached under var/matching-cache. Writes bench/results/matching_eval.json.

`--ct20-pool K` measures CheckThat! 2020 on BM25's top K claims per tweet, re-ranked (only those
claims get embedded, not all 10,390: see training/matching_pool.py); the JSON says which was run.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.matching import text as T  # noqa: E402
from claims.matching.encoder import Encoder  # noqa: E402
from claims.matching.index import Facts, MatchIndex, Reranker, disagree, pair_features, veto  # noqa: E402
from training import matching_data as data  # noqa: E402
from training.matching_metrics import confusable_pairs, figure_pairs, ranking_figures  # noqa: E402
from training.matching_pool import LexicalPools, pool_features  # noqa: E402

RESULTS = REPO / "bench" / "results"
CACHE = REPO / "var" / "matching-cache"


def run_retrieval(
    rset: data.RetrievalSet, encoder: Encoder, *, doc_kind: str = "query", top: int = 100
) -> dict:
    index = MatchIndex(
        rset.corpus_ids, rset.corpus_texts, rset.corpus_titles, encoder=encoder, doc_kind=doc_kind
    )
    results = index.search_many(rset.query_texts, top=top)
    rankings = {qid: [m.id for m in matches] for qid, matches in zip(rset.query_ids, results)}
    return ranking_figures(rankings, rset.relevant, k=5)


def run_pooled(rset: data.RetrievalSet, encoder: Encoder, reranker: Reranker, pool: int) -> dict:
    rankings = {}
    for qid, cands in pool_features(rset, encoder, pool):
        ranked = sorted(cands, key=lambda c: (-reranker.score(c[1]), c[0]))
        rankings[qid] = [doc for doc, _f in ranked]
    return {**ranking_figures(rankings, rset.relevant, k=5), "pool": f"BM25 top {pool}"}


def _pair_decisions(pairs, left, right, reranker: Reranker, bm25_for=None) -> list[tuple[float, bool, str]]:
    """(link score, disagree, veto) for each pair, scored as if the other claim were this one's best
    candidate (the most link-prone case: bm25_rel 1, cosine_gap 0)."""
    out = []
    for (a, b), va, vb in zip(pairs, left, right):
        bm25 = bm25_for(a, b) if bm25_for else 0.0
        cosine = float(va @ vb)
        features = pair_features(
            cosine, bm25, bm25, T.numbers(a), T.numbers(b), T.names(a), T.names(b), cosine_best=cosine
        )
        out.append((reranker.link_score(features), disagree(features), veto(Facts.of(a), Facts.of(b))))
    return out


def _rates(decisions, reranker: Reranker) -> dict:
    """As the product decides (claims.services.matching._link): a vetoed pair is never linked; above
    the auto-link threshold and with no disagreement, linked; above the suggest threshold, suggested."""
    n = len(decisions) or 1
    auto = sum(s >= reranker.autolink and not d and not v for s, d, v in decisions)
    return {
        "pairs": len(decisions),
        "autolink_rate": round(auto / n, 4),
        "suggest_rate": round(sum(s >= reranker.suggest and not v for s, _d, v in decisions) / n, 4),
        # The rule before the veto applied to suggestions (December 2026, session 5):
        "autolink_rate_without_veto": round(
            sum(s >= reranker.autolink and not d for s, d, _v in decisions) / n, 4
        ),
        "suggest_rate_without_veto": round(sum(s >= reranker.suggest for s, _d, _v in decisions) / n, 4),
        "vetoed": round(sum(bool(v) for _s, _d, v in decisions) / n, 4),
    }


def false_matches(encoder: Encoder, reranker: Reranker) -> dict:
    items = data.train_article_items()
    language = data.train_article_languages()
    pairs = confusable_pairs(items)
    left = encoder.embed([a for a, _b in pairs], "query")
    right = encoder.embed([b for _a, b in pairs], "query")
    # BM25 as the product sees it: the other claim scored for this one among all the train claims.
    texts = sorted({t for _d, t in items})
    position = {t: i for i, t in enumerate(texts)}
    lexical = LexicalPools(texts)
    bm25_of: dict[str, object] = {}

    def bm25_for(a: str, b: str) -> float:
        if a not in bm25_of:
            tokens = T.words(a)
            bm25_of[a] = lexical.bm25.get_scores(tokens) if tokens else None
        row = bm25_of[a]
        return float(row[position[b]]) if row is not None else 0.0

    decisions = _pair_decisions(pairs, left, right, reranker, bm25_for)
    same = [language[a] == language[b] for a, b in pairs]
    # Claims of different articles that each state an amount (the demo's grouped queue).
    figures = figure_pairs(items)
    with_figures = _pair_decisions(
        figures,
        encoder.embed([a for a, _b in figures], "query"),
        encoder.embed([b for _a, b in figures], "query"),
        reranker,
        bm25_for,
    )
    same_figures = [language[a] == language[b] for a, b in figures]
    return {
        **_rates(decisions, reranker),
        "same_language": _rates([d for d, s in zip(decisions, same) if s], reranker),
        "cross_language": _rates([d for d, s in zip(decisions, same) if not s], reranker),
        "stating_amounts": _rates(with_figures, reranker),
        "stating_amounts_same_language": _rates(
            [d for d, s in zip(with_figures, same_figures) if s], reranker
        ),
        "autolink_threshold": reranker.autolink,
        "suggest_threshold": reranker.suggest,
    }


def true_matches(encoder: Encoder, reranker: Reranker) -> dict:
    """The other side: every check-worthy train sentence and its translation (the same claim in
    French and English), and how many the product would link, suggest or veto."""
    pairs = [(fr, en) for _doc, label, fr, en in data.news_pairs() if label == "cw"]
    left = encoder.embed([a for a, _b in pairs], "query")
    right = encoder.embed([b for _a, b in pairs], "query")
    rates = _rates(_pair_decisions(pairs, left, right, reranker), reranker)
    return {
        "pairs": rates["pairs"],
        "linked": rates["autolink_rate"],
        "linked_or_suggested": rates["suggest_rate"],
        "linked_or_suggested_without_veto": rates["suggest_rate_without_veto"],
        "vetoed": rates["vetoed"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="ct20,crosslingual,normalization,false_matches,true_matches")
    parser.add_argument(
        "--normalization-posts", type=int, default=0, help="the first N posts of each language"
    )
    parser.add_argument("--crosslingual-docs", type=int, default=0, help="the first N train articles only")
    parser.add_argument("--ct20-pool", type=int, default=0, help="re-rank BM25's top K only (see above)")
    args = parser.parse_args()
    wanted = set(args.sets.split(","))
    encoder = Encoder(CACHE)
    reranker = Reranker.load()
    model = json.loads((REPO / "claims" / "matching" / "model.json").read_text())
    model.pop("trees", None)  # thousands of lines; the rest says what was run
    out: dict = {"model": model}
    started = time.time()
    if "ct20" in wanted:
        out["ct20_dev"] = (
            run_pooled(data.ct20("dev"), encoder, reranker, args.ct20_pool)
            if args.ct20_pool
            else run_retrieval(data.ct20("dev"), encoder)
        )
        print(
            f"CheckThat! 2020 task 2 dev  MAP@5 {out['ct20_dev']['map@5']:.3f}  (target ≥ 0.90; BM25 alone ≈ 0.75)"
            + (f"; BM25 top {args.ct20_pool} re-ranked" if args.ct20_pool else "")
        )
    if "crosslingual" in wanted:
        for source in ("fr", "en"):
            figures = run_retrieval(data.cross_lingual(source, args.crosslingual_docs or None), encoder)
            if args.crosslingual_docs:
                figures["articles"] = args.crosslingual_docs
            out[f"crosslingual_{source}"] = figures
            print(
                f"cross-lingual {source}→{'en' if source == 'fr' else 'fr'}  success@1 {figures['success@1']:.3f}"
                f"  MRR {figures['mrr']:.3f}  ({figures['queries']} check-worthy sentences; target ≥ 0.92)"
            )
    if "normalization" in wanted:
        for language, target in (("fra", 0.90), ("eng", 0.75)):
            figures = run_retrieval(
                data.claim_normalization(language, args.normalization_posts or None), encoder
            )
            out[f"normalization_{language}"] = figures
            print(
                f"claim normalisation {language}  success@1 {figures['success@1']:.3f}  MRR {figures['mrr']:.3f}"
                f"  ({figures['queries']} posts; target ≥ {target})"
            )
    if "false_matches" in wanted:
        out["false_matches"] = false_matches(encoder, reranker)
        fm = out["false_matches"]
        print(
            f"false matches  auto-linked {fm['autolink_rate']:.2%}, suggested {fm['suggest_rate']:.2%}"
            f" of {fm['pairs']} pairs of different claims sharing a number or a name (target ≤ 1%);"
            f" same language {fm['same_language']['suggest_rate']:.2%} suggested"
            f" (without the veto {fm['same_language']['suggest_rate_without_veto']:.2%})"
        )
        fa = fm["stating_amounts"]
        print(
            f"               of {fa['pairs']} claims of different articles that each state an amount:"
            f" suggested {fa['suggest_rate']:.2%} (without the veto {fa['suggest_rate_without_veto']:.2%}),"
            f" auto-linked {fa['autolink_rate']:.2%}"
        )
    if "true_matches" in wanted:
        out["true_matches"] = tm = true_matches(encoder, reranker)
        print(
            f"true matches  linked {tm['linked']:.2%}, linked or suggested {tm['linked_or_suggested']:.2%}"
            f" (without the veto {tm['linked_or_suggested_without_veto']:.2%}) of {tm['pairs']}"
            " French–English sentence pairs of the train articles"
        )
    out["seconds"] = round(time.time() - started, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "matching_eval.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
