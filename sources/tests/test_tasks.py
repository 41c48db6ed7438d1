"""The beat task picks due sources from the database and claims each one once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sources.models import Source, SourceItem
from sources.tasks import poll_due_sources
from tests.celery_helpers import drain_queue

pytestmark = pytest.mark.django_db


def test_poll_due_sources_queues_each_due_active_source_once():
    now = timezone.now()
    due = Source.objects.create(name="due", url="http://a.test/f", next_poll_at=now - timedelta(minutes=1))
    Source.objects.create(name="later", url="http://b.test/f", next_poll_at=now + timedelta(minutes=5))
    Source.objects.create(
        name="paused", url="http://c.test/f", state="paused", next_poll_at=now - timedelta(hours=1)
    )
    Source.objects.create(name="dead", url="http://d.test/f", state="dead", next_poll_at=None)
    Source.objects.create(name="suggested", url="http://e.test/f", state="suggested", next_poll_at=now)
    drain_queue()
    assert poll_due_sources() == 1
    assert drain_queue() == ["sources.tasks.poll_source"]
    due.refresh_from_db()
    assert due.next_poll_at > now  # claimed: the next tick does not queue it again
    assert poll_due_sources() == 0


def test_items_whose_import_message_was_lost_are_queued_again():
    source = Source.objects.create(
        name="s", url="http://a.test/f", next_poll_at=timezone.now() + timedelta(hours=1)
    )
    old = SourceItem.objects.create(source=source, guid="1", url="http://a.test/1")
    SourceItem.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    SourceItem.objects.create(source=source, guid="2", url="http://a.test/2")  # just recorded
    SourceItem.objects.create(source=source, guid="3", url="http://a.test/3", status="imported")
    drain_queue()
    poll_due_sources()
    assert drain_queue() == ["sources.tasks.import_item"]
