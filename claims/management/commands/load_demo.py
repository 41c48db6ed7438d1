"""python manage.py load_demo — a demo login and a few extracted demo articles.

The demo articles are short texts written for Claimtrack (claims/demo/); the
real samples in ../shared/ are for tests only. Re-running is harmless: users
and articles are found by username and content hash.
"""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.services import article_submit
from claims.services import article_extract

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "articles.json"
DEMO_FACT_CHECKS = Path(__file__).resolve().parents[2] / "demo" / "factchecks.jsonld"


def demo_logins_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-logins.json"


class Command(BaseCommand):
    help = "Create the demo user and extract a few demo articles (French and English)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default="claimtrack-demo")

    def handle(self, *args, username: str, password: str, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name="editor"))
        # A second desk member, so that two-person approval can be tried.
        colleague, colleague_created = User.objects.get_or_create(username=f"{username}-reporter")
        if colleague_created:
            colleague.set_password(password)
            colleague.save(update_fields=["password"])
        colleague.groups.add(Group.objects.get(name="reporter"))
        article_ids = []
        for item in json.loads(DEMO_FILE.read_text(encoding="utf-8")):
            submission = article_submit(
                text=item["text"],
                title=item["title"],
                outlet=item["outlet"],
                author=item["author"],
                language=item["language"],
                submitted_by=user,
            )
            if submission.article.status != "extracted":
                article_extract(article_id=submission.article.pk)
            article_ids.append(submission.article.pk)
        if settings.MATCHING_ENABLED:
            self._match(article_ids)
        if apps.is_installed("sources"):
            call_command("load_demo_sources", username=username, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo ready."))
        if created:
            self.stdout.write(
                f"Log in at http://127.0.0.1:8000/ as {username} / {password} (editor)"
                f" or {colleague.username} / {password} (reporter)"
            )
            # The login page shows these while SHOW_DEMO_LOGINS is on (the default with DEBUG).
            demo_logins_file().write_text(
                json.dumps(
                    [
                        {"username": username, "password": password, "role": "editor"},
                        {"username": colleague.username, "password": password, "role": "reporter"},
                    ]
                ),
                encoding="utf-8",
            )
        else:
            self.stdout.write(f"Log in at http://127.0.0.1:8000/ as {username} (password unchanged)")

    def _match(self, article_ids: list[int]) -> None:
        """Import the demo fact-checks and link the demo claims (as the worker does after extraction)."""
        from claims.services import factchecks
        from claims.services.matching import embed_fact_checks, link_article

        factchecks.store(
            factchecks.parse_jsonld(
                DEMO_FACT_CHECKS.read_text(encoding="utf-8"), source_ref=DEMO_FACT_CHECKS.name
            )
        )
        embed_fact_checks(list(factchecks.FactCheck.objects.filter(vector__isnull=True)))
        links = sum(link_article(article_id) for article_id in article_ids)
        self.stdout.write(f"Matching: {links} links between the demo claims and fact-checks.")
