"""python manage.py import_factchecks SOURCE [SOURCE ...]

Each SOURCE is a ClaimReview JSON-LD file (.json / .jsonld / .ndjson), a CSV (claim, rating, url,
publisher, date, language) or an http(s) page URL carrying ClaimReview markup. The fact-checks are
stored and embedded, so that new claims are matched against them ("checked before").
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.services import factchecks


class Command(BaseCommand):
    help = "Import fact-checks (ClaimReview JSON-LD, CSV, or a page URL) to match new claims against."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+")

    def handle(self, *args, sources, **options):
        from claims.services.matching import embed_fact_checks

        for source in sources:
            try:
                if source.lower().startswith(("http://", "https://")):
                    checks = factchecks.parse_html(factchecks.fetch_page(source), source_ref=source)
                else:
                    path = Path(source)
                    checks = factchecks.parse_file(
                        path.name, path.read_text(encoding="utf-8-sig", errors="replace")
                    )
            except (OSError, factchecks.FactCheckImportError) as exc:
                raise CommandError(f"{source}: {exc}") from None
            report = factchecks.store(checks)
            embed_fact_checks(list(factchecks.FactCheck.objects.filter(vector__isnull=True)))
            self.stdout.write(f"{source}: {report.created} new fact-checks, {report.existing} already there")
