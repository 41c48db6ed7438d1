"""python manage.py load_demo_sources — follow the local demo wire (run by load_demo)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.services import outlet_for
from sources.models import Source


class Command(BaseCommand):
    help = "Follow the demo wire served by the development server (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")

    def handle(self, *args, username: str, **options):
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: the demo wire is not served, no demo source added.")
            return
        url = f"{settings.SITE_URL}/demo/feed.xml"
        source, created = Source.objects.get_or_create(
            url=url,
            defaults={
                "name": "Demo wire",
                "outlet": outlet_for("Claimtrack demo wire"),
                "poll_interval_minutes": 5,
                "created_by": get_user_model().objects.filter(username=username).first(),
                "next_poll_at": timezone.now(),
            },
        )
        if created:
            self.stdout.write(f"Following the demo wire {url}: the worker polls it within a minute.")
