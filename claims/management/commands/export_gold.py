"""python manage.py export_gold [--article ID ...] [--since YYYY-MM-DD] [--outlet NAME]

Writes the desk's corrections as gold JSON Lines (../shared/eval/GUIDELINES.md), one line per
reviewed article, to stdout or --output. --articles-out also writes the articles' texts
({"doc_id", "lang", "title", "text"} per line), the --articles file score_articles.py needs.
"""

import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.exports.gold import gold_lines, reviewed_articles


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since expects a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = "Export the desk's reviewed articles as gold JSON Lines (the format of shared/eval/GUIDELINES.md)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--article", type=int, nargs="+", action="extend", metavar="ID", help="Only these articles."
        )
        parser.add_argument(
            "--since", help="Only articles with a claim touched on or after this date (YYYY-MM-DD)."
        )
        parser.add_argument("--outlet", help="Only this outlet's articles (its name).")
        parser.add_argument("--output", type=Path, help="Write here instead of stdout.")
        parser.add_argument(
            "--articles-out", type=Path, help="Also write the articles' texts (for score_articles.py)."
        )

    def handle(self, *args, article=None, since=None, outlet=None, output=None, articles_out=None, **options):
        articles = reviewed_articles(
            article_ids=article, since=_date(since) if since else None, outlet=outlet
        )
        out = output.open("w", encoding="utf-8") if output else sys.stdout
        texts = articles_out.open("w", encoding="utf-8") if articles_out else None
        count = items = 0
        try:
            for gold, text in gold_lines(articles):
                out.write(json.dumps(gold, ensure_ascii=False) + "\n")
                if texts:
                    texts.write(json.dumps(text, ensure_ascii=False) + "\n")
                count += 1
                items += len(gold["claims"])
        finally:
            if output:
                out.close()
            if texts:
                texts.close()
        self.stderr.write(f"{count} articles, {items} items")
