#!/usr/bin/env python3
"""Throughput benchmark of the claim extractor.

    python bench/extraction.py [--limit 40] [--fr-repeat 2] [--rounds 3]

Compares ``extract_many`` with bare ``nlp.pipe`` of the same spaCy pipeline (same disabled pipes) over the
same texts in the same process -- plus, when the check-worthiness news model embeds items, the bare sentence
encoder on the same item texts, one call per article as the scorer makes them (the encoder encodes ~40
sentences/s on two free cores, so the defaults are smaller than before the encoder joined the path): words/s, articles/s (per CPU second of this process, best of --rounds, so a
busy shared machine does not skew the comparison; wall-clock figures are recorded too), their ratio (target
>= 0.8; the median over rounds of bare/extract timed back to back; extract_many includes the check-worthiness
scorer), p50/p95 wall latency of
``extract`` per article, and peak RSS. English: the BBC business/politics corpus (first --limit articles);
French: the dev articles + the seed article (repeated --fr-repeat times to get a measurable run).
Writes ``bench/results/extraction.json``. Shared data: ../shared or $CLAIMTRACK_SHARED.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMTRACK_SHARED") or (REPO.parent / "shared")).resolve()
sys.path.insert(0, str(REPO))


def load_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if limit and len(out) >= limit:
                    break
    return out


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / 1024, 1) if sys.platform != "darwin" else round(kb / 1024 / 1024, 1)


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def scored_items(texts: list[str], lang: str) -> list[list[str]]:
    """Per article, the item texts the check-worthiness scorer receives (what the encoder embeds)."""
    from claims.extraction import engine

    per_doc: list[list[str]] = []
    for t in texts:
        seen: list[str] = []

        def collect(batch, _lang, hints, seen=seen):
            seen.extend(batch)
            return [0.0] * len(batch)

        original = engine._scorer
        engine._scorer = lambda collect=collect: (collect, 0.5)
        try:
            engine.extract_many([t], [lang])
        finally:
            engine._scorer = original
        per_doc.append(seen)
    return per_doc


def encoder_in_path(lang: str) -> bool:
    from claims.extraction import checkworthiness as cw

    news = cw._load()["news"].get(lang)
    return bool(news is not None and news.uses_embedding)


def bench_corpus(name: str, lang: str, texts: list[str], rounds: int, latency_n: int) -> dict:
    from claims.extraction import extract, extract_many
    from claims.extraction import nlp as nlp_mod
    from claims.matching.encoder import Encoder

    nlp = nlp_mod.load(lang)
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)
    extract_many(texts[:3], [lang] * 3)  # warm up models, regexes, scorer
    list(nlp.pipe(texts[:3]))
    # the bare side: spaCy alone, plus -- when the scorer embeds items -- the bare encoder on the same items,
    # one call per article as the scorer makes them
    items = scored_items(texts, lang) if encoder_in_path(lang) else None
    bare_encoder = Encoder()  # no cache: it encodes every item, as the scorer does
    if items is not None:
        bare_encoder.embed(["warm up"])
    # wall and CPU time of this process; the ratio uses CPU time (robust when the machine is shared)
    bare_wall, ext_wall, bare_cpu, ext_cpu = [], [], [], []
    n_claims = 0
    for r in range(rounds):
        order = ("bare", "extract") if r % 2 == 0 else ("extract", "bare")
        for which in order:
            w0, c0 = time.perf_counter(), time.process_time()
            if which == "bare":
                for _ in nlp.pipe(texts, batch_size=32):
                    pass
                for doc_items in items or ():
                    bare_encoder.embed(doc_items)
                bare_wall.append(time.perf_counter() - w0)
                bare_cpu.append(time.process_time() - c0)
            else:
                res = extract_many(texts, [lang] * len(texts))
                ext_wall.append(time.perf_counter() - w0)
                ext_cpu.append(time.process_time() - c0)
                n_claims = sum(len(x.claims) for x in res)
    bare, ext = min(bare_cpu), min(ext_cpu)
    # each round times both sides back to back: the median of the per-round ratios is robust to the
    # machine's speed drifting between rounds (a shared VM), which best-of-each-side is not
    pair_ratios = sorted(b / x for b, x in zip(bare_cpu, ext_cpu))
    ratio = pair_ratios[len(pair_ratios) // 2]
    lat = []
    for t in texts[:latency_n]:
        t0 = time.perf_counter()
        extract(t, lang)
        lat.append((time.perf_counter() - t0) * 1000)
    return {
        "corpus": name,
        "lang": lang,
        "model": nlp.meta.get("name"),
        "pipes": nlp.pipe_names,
        "articles": len(texts),
        "words": words,
        "chars": chars,
        "claims": n_claims,
        "rounds": rounds,
        "bare_side": "spaCy nlp.pipe"
        + (
            f" + bare encoder on the {sum(map(len, items))} scored items, one call per article"
            if items is not None
            else ""
        ),
        "bare_nlp_pipe": {
            "wall_seconds_best": round(min(bare_wall), 3),
            "cpu_seconds": round(bare, 3),
            "words_per_s": round(words / bare, 1),
            "articles_per_s": round(len(texts) / bare, 2),
        },
        "extract_many": {
            "wall_seconds_best": round(min(ext_wall), 3),
            "cpu_seconds": round(ext, 3),
            "words_per_s": round(words / ext, 1),
            "articles_per_s": round(len(texts) / ext, 2),
        },
        "ratio_extract_vs_bare": round(ratio, 3),
        "ratio_per_round": [round(r, 3) for r in pair_ratios],
        "ratio_best_of_each_side": round(bare / ext, 3),
        "ratio_wall_clock": round(min(bare_wall) / min(ext_wall), 3),
        "latency_ms_per_article": {
            "n": len(lat),
            "p50": round(pct(lat, 50), 1),
            "p95": round(pct(lat, 95), 1),
            "max": round(max(lat), 1) if lat else 0.0,
        },
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=40, help="BBC articles to use (default 40)")
    ap.add_argument("--fr-repeat", type=int, default=2, help="repeat the French articles N times")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds (bare + extract back to back)")
    ap.add_argument("--latency-n", type=int, default=40, help="articles timed one by one for latency")
    ap.add_argument("--out", default=str(REPO / "bench" / "results" / "extraction.json"))
    args = ap.parse_args()
    os.environ.pop("CLAIMTRACK_CW_EMBED_CACHE", None)  # no cached embeddings in a speed figure

    from claims.extraction import EXTRACTOR_VERSION

    bbc = [d["text"] for d in load_jsonl(SHARED / "bench-corpus" / "bbc_business_politics.jsonl", args.limit)]
    fr = [d["text"] for d in load_jsonl(SHARED / "eval" / "articles" / "fr_dev.jsonl")]
    fr += [d["text"] for d in load_jsonl(SHARED / "eval" / "articles" / "seed.jsonl")]
    result = {
        "extractor_version": EXTRACTOR_VERSION,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "corpora": [],
    }
    rss_before = peak_rss_mb()
    result["corpora"].append(
        bench_corpus(f"bbc_business_politics[:{args.limit}]", "en", bbc, args.rounds, args.latency_n)
    )
    result["corpora"].append(
        bench_corpus(
            f"fr_dev+seed x{args.fr_repeat}",
            "fr",
            fr * args.fr_repeat,
            args.rounds,
            min(args.latency_n, len(fr)),
        )
    )
    result["peak_rss_mb"] = peak_rss_mb()
    result["peak_rss_mb_before_models"] = rss_before

    print(
        f"{'corpus':28}{'articles':>9}{'words':>9}{'bare w/s':>11}{'extract w/s':>13}{'ratio':>8}"
        f"{'art/s':>8}{'p50 ms':>9}{'p95 ms':>9}"
    )
    for c in result["corpora"]:
        print(
            f"{c['corpus']:28}{c['articles']:>9}{c['words']:>9}{c['bare_nlp_pipe']['words_per_s']:>11}"
            f"{c['extract_many']['words_per_s']:>13}{c['ratio_extract_vs_bare']:>8}"
            f"{c['extract_many']['articles_per_s']:>8}{c['latency_ms_per_article']['p50']:>9}"
            f"{c['latency_ms_per_article']['p95']:>9}"
        )
    print(f"peak RSS {result['peak_rss_mb']} MB")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
