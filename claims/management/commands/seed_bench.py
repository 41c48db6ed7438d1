"""python manage.py seed_bench [--articles 10000] [--claims 100000] [--long 1500] [--clear]

Synthetic articles and claims for benchmarks (bench/exports.py, bench/scale.py), created
with bulk_create in batches of 500 articles, each batch its own transaction: memory stays
flat, and an interrupted run (1,000,000 claims take a while) resumes where it stopped.
`--long N` adds one article with N claims (the long-article page of bench/scale.py).

Every bench article belongs to the outlet "Claimtrack bench" and its content hash
starts with "bench-": that is how `--clear` finds them, and how a second run
tops up to the requested article count instead of duplicating (claims are only
added to new articles). Bench claims have no history records.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article, Outlet
from claims.models import Claim, Comment, Evidence, Notification, Quantity, Rating

BENCH_OUTLET = "Claimtrack bench"
HASH_PREFIX = "bench-"
BATCH = 5000
# (status, share)
STATUSES = [
    ("new", 0.60),
    ("in_review", 0.15),
    ("verdict_proposed", 0.10),
    ("published", 0.10),
    ("dismissed", 0.05),
]
SENTENCES = {
    "fr": [
        "Le chômage a baissé de {n} % en {y}, selon le ministre.",
        "La dette publique atteint {n} milliards d'euros en {y}.",
        "Plus de {n} 000 logements ont été construits l'an dernier.",
        "Les prix de l'énergie ont augmenté de {n} % depuis {y}.",
    ],
    "en": [
        "Unemployment fell by {n} percent in {y}, the minister said.",
        "Public debt reached {n} billion pounds in {y}.",
        "More than {n},000 homes were built last year.",
        "Energy prices have risen by {n} percent since {y}.",
    ],
}


def bench_articles():
    return Article.objects.filter(outlet__name=BENCH_OUTLET, content_hash__startswith=HASH_PREFIX)


class Command(BaseCommand):
    help = "Create (or top up, or --clear) synthetic articles and claims for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--claims", type=int, default=100_000)
        parser.add_argument("--clear", action="store_true", help="Delete every bench article and its claims.")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--long", type=int, default=0, help="Also one article with this many claims.")

    def handle(self, *args, articles: int, claims: int, clear: bool, seed: int, long: int = 0, **options):
        if clear:
            self.stdout.write(f"Deleted {self.clear()} bench articles.")
            return
        if long:
            self.long_article(long, random.Random(seed))  # not counted among the --articles
        if articles < 1 or claims < articles:
            raise CommandError("Need at least one article and at least one claim per article.")
        existing = bench_articles().exclude(content_hash__startswith=f"{HASH_PREFIX}long-").count()
        if existing >= articles:
            self.stdout.write(
                f"{existing} bench articles already there ({self.count_claims()} claims): nothing to do."
            )
            return
        started = time.monotonic()
        per_article = claims / articles
        self.create(
            first=existing, last=articles, per_article=per_article, rng=random.Random(seed + existing)
        )
        self.analyze()
        self.stdout.write(
            self.style.SUCCESS(
                f"{articles - existing} articles added in {time.monotonic() - started:.1f} s: "
                f"{bench_articles().count()} bench articles, {self.count_claims()} claims."
            )
        )

    def analyze(self) -> None:
        """Refresh the planner's statistics now rather than whenever autovacuum gets to it.

        Measured: with the statistics of an almost empty table, PostgreSQL planned
        the export's server-side cursor (DECLARE, tuned for fast first rows) so
        badly that the first FETCH of 100,000 claims took 44 s instead of 0.6 s.
        """
        tables = [
            Article._meta.db_table,
            Claim._meta.db_table,
            Quantity._meta.db_table,
            Evidence._meta.db_table,
        ]
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    def count_claims(self) -> int:
        return Claim.objects.filter(article__in=bench_articles()).count()

    def long_article(self, count: int, rng: random.Random) -> None:
        """One article with `count` claims, its hash "bench-long-<count>" (made once)."""
        content_hash = f"{HASH_PREFIX}long-{count}".ljust(64, "0")
        if Article.objects.filter(content_hash=content_hash).exists():
            return
        outlet, _ = Outlet.objects.get_or_create(name=BENCH_OUTLET)
        with transaction.atomic():
            article, spans = self.plan(outlet, 0, count, rng, timezone.now())
            article.title, article.content_hash = f"[bench] Long article, {count} claims", content_hash
            article.save()
            self.add_claims([(article, spans)], list(Rating.objects.all()), rng, timezone.now())
        self.stdout.write(f"Long article {article.pk}: {count} claims.")

    @staticmethod
    def plan(outlet, n: int, count: int, rng: random.Random, now) -> tuple[Article, list]:
        language = "fr" if n % 3 else "en"
        sentences, spans, offset = [], [], 0
        for _ in range(count):
            text = rng.choice(SENTENCES[language]).format(n=rng.randint(2, 95), y=rng.randint(2010, 2026))
            spans.append((offset, offset + len(text), text, language))
            sentences.append(text)
            offset += len(text) + 1
        article = Article(
            title=f"[bench] Article {n}",
            text=" ".join(sentences),
            outlet=outlet,
            language=language,
            status=Article.Status.EXTRACTED,
            content_hash=f"{HASH_PREFIX}{n:058d}",
            origin=Article.Origin.BULK,
            published_at=now,
        )
        return article, spans

    def create(self, *, first: int, last: int, per_article: float, rng: random.Random) -> None:
        outlet, _ = Outlet.objects.get_or_create(name=BENCH_OUTLET)
        ratings = list(Rating.objects.all())
        now = timezone.now()
        for batch_start in range(first, last, BATCH // 10):
            batch_end = min(last, batch_start + BATCH // 10)
            plans = []
            for n in range(batch_start, batch_end):
                # Claims per article so that the total is exactly round(per_article * last).
                count = round(per_article * (n + 1)) - round(per_article * n)
                plans.append(self.plan(outlet, n, count, rng, now))
            with transaction.atomic():
                Article.objects.bulk_create([a for a, _ in plans], batch_size=BATCH)
                self.add_claims(plans, ratings, rng, now)
            self.stdout.write(f"  articles {batch_start}–{batch_end - 1}", ending="\r")
            self.stdout.flush()
        self.stdout.write("")

    def add_claims(self, plans: list, ratings: list, rng: random.Random, now) -> None:
        statuses, weights = zip(*STATUSES)
        claims = []
        for article, spans in plans:
            for start, end, text, language in spans:
                status = rng.choices(statuses, weights)[0]
                reviewed = status in ("verdict_proposed", "published")
                score = round(rng.random(), 4)
                claims.append(
                    Claim(
                        article=article,
                        text=text,
                        start=start,
                        end=end,
                        claim_type="quantity",
                        types=["quantity"],
                        checkworthiness=score,
                        checkworthy=score >= 0.5,
                        language=language,
                        status=status,
                        verdict=rng.choice(ratings) if reviewed and ratings else None,
                        rationale="Bench rationale: the official figure differs." if reviewed else "",
                        published_at=now if status == "published" and ratings else None,
                        extractor_version="bench",
                    )
                )
        Claim.objects.bulk_create(claims, batch_size=BATCH)
        Quantity.objects.bulk_create(
            [
                Quantity(claim=c, raw="12 %", value=Decimal(12), unit="%", start=c.start, end=c.start + 4)
                for c in claims
                if c.pk % 5 < 2
            ],
            batch_size=BATCH,
        )
        Evidence.objects.bulk_create(
            [
                Evidence(
                    claim=c,
                    url=f"https://stats.example/{c.pk}",
                    title="Official statistics",
                    source_name="INSEE",
                )
                for c in claims
                if c.status == "published"
            ],
            batch_size=BATCH,
        )

    @transaction.atomic
    def clear(self) -> int:
        articles = bench_articles()
        claims = Claim.objects.filter(article__in=articles)
        # Few rows, with their own cascades: the ordinary delete.
        Comment.objects.filter(claim__in=claims).delete()
        Notification.objects.filter(claim__in=claims).delete()
        # Many rows and no cascades left: delete in SQL, without loading 100,000 objects.
        for queryset in (
            Quantity.objects.filter(claim__in=claims),
            Evidence.objects.filter(claim__in=claims),
            Claim.history.filter(article_id__in=articles.values("pk")),
            claims,
        ):
            queryset._raw_delete(queryset.db)
        count = articles.count()
        articles._raw_delete(articles.db)
        return count
