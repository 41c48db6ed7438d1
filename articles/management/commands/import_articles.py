"""python manage.py import_articles FILE — bulk import from CSV or NDJSON."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.ingestion import IngestionError, parse_bulk
from articles.services import articles_import


class Command(BaseCommand):
    help = "Import articles from a CSV (header: text,url,title,outlet,author,published_at,language) or NDJSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", help="Username recorded as the submitter.")
        parser.add_argument(
            "--max-rows", type=int, default=None, help="Refuse files with more rows than this."
        )

    def handle(self, *args, file: Path, user: str | None, max_rows: int | None, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist or is not a file.")
        submitter = None
        if user:
            submitter = get_user_model().objects.filter(username=user).first()
            if submitter is None:
                raise CommandError(f"No user named {user!r}.")
        try:
            rows = parse_bulk(
                file.name, file.read_bytes(), max_rows=max_rows or max(settings.BULK_IMPORT_MAX_ROWS, 100_000)
            )
        except IngestionError as exc:
            raise CommandError(exc.message) from exc
        report = articles_import(rows=rows, submitted_by=submitter)
        for line, error in report.errors:
            self.stderr.write(f"line {line}: {error}")
        self.stdout.write(
            f"{len(report.created)} created, {len(report.existing)} already present, {len(report.errors)} refused"
        )
