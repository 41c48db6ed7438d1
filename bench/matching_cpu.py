"""CPU seconds of the matching task (`link_article`) per seed article, in-process, models warm.

    CLAIMTRACK_VAR_DIR=/tmp/somewhere nice -n 19 .venv/bin/python bench/matching_cpu.py [--runs 5]

Needs a migrated database with something to match against (`manage.py load_demo` gives the demo
claims and fact-checks). Each run stores the seed article (../shared/samples/starlink-fr-2022-10.txt,
made unique by a suffix), extracts it as the worker does (`article_extract`), then times
`link_article` on it with `time.process_time()` (every thread of the process: the encoder's OpenMP
threads included) and counts the texts the matching encoder was asked for, twice per run in turns:
"reuse" as the worker runs it (the vectors check-worthiness computed are taken in) and "encode" with
those vectors dropped first (matching encodes every claim, as before issue 11). The article is
deleted after each run. Prints every run and the medians; nothing is asserted (figures only).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
SEED = BASE_DIR.parent / "shared" / "samples" / "starlink-fr-2022-10.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from articles.ingestion import content_hash
    from articles.models import Article
    from claims.models import Claim, ClaimVector
    from claims.services import extract as extract_service
    from claims.services import matching
    from claims.tasks import warm_models

    warm_models()
    matching.encoder().embed(["Warm-up: the matching encoder is ready."])
    seed = SEED.read_text(encoding="utf-8")
    encoded: list[int] = []
    original = matching.Encoder.embed

    def counting(self, texts, kind="query"):
        encoded.append(len(texts))
        return original(self, texts, kind)

    matching.Encoder.embed = counting
    rows: dict[str, list[dict]] = {"reuse": [], "encode": []}
    for run in range(args.runs):
        # Both ways in each run, in turns: "encode" drops the vectors extraction kept first, which is
        # what the matching task did before it reused them.
        for mode in ("reuse", "encode") if run % 2 == 0 else ("encode", "reuse"):
            text = f"{seed}\n\n(matching cpu {time.time_ns()} run {run} {mode})"
            article = Article.objects.create(
                title="bench matching cpu", text=text, content_hash=content_hash(text), language="fr"
            )
            extract_service.article_extract(article_id=article.pk)
            n_claims = Claim.objects.filter(article=article).count()
            if mode == "encode":
                ClaimVector.objects.filter(claim__article=article, indexed=False).delete()
            encoded.clear()
            c0, w0 = time.process_time(), time.perf_counter()
            matching.link_article(article.pk)
            row = {
                "mode": mode,
                "cpu_s": round(time.process_time() - c0, 3),
                "wall_s": round(time.perf_counter() - w0, 3),
                "claims": n_claims,
                "texts_encoded": sum(encoded),
            }
            rows[mode].append(row)
            article.delete()
            print(row, flush=True)
    for mode, done in rows.items():
        print(
            f"{mode}: median cpu {statistics.median(r['cpu_s'] for r in done):.3f} s, "
            f"wall {statistics.median(r['wall_s'] for r in done):.3f} s per seed article over {len(done)} runs"
        )
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
