"""Everyday gaps a newsroom walk-through found: dates, relative times, plurals, the favicon,
the unread badge, verdict names in the timeline — in English and in French."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from claims.models import Notification, Rating
from claims.services import claim_propose
from claims.tests.factories import make_article, make_claim

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "2 Dec 2026, 14:05"), ("fr", "2 déc. 2026, 14:05")]
)
def test_short_dates_cannot_be_misread_as_month_first(language, expected):
    when = timezone.make_aware(dt.datetime(2026, 12, 2, 14, 5))
    with translation.override(language):
        assert render('{{ when|date:"SHORT_DATETIME_FORMAT" }}', when=when) == expected


def test_dashboard_month_labels_are_in_the_readers_language():
    day = dt.date(2026, 9, 14)
    with translation.override("fr"):
        assert render('{{ d|date:"MONTH_DAY_FORMAT" }}', d=day) == "14 sept."
    with translation.override("en"):
        assert render('{{ d|date:"MONTH_DAY_FORMAT" }}', d=day) == "14 Sep"


@pytest.mark.parametrize(
    ("language", "now", "later"),
    [("en", "just now", "3 minutes ago"), ("fr", "à l’instant", "il y a 3 minutes")],
)
def test_relative_times_say_just_now_not_zero_minutes(language, now, later):
    source = "{% load when_tags %}{{ t|ago }}"
    with translation.override(language):
        assert render(source, t=timezone.now()) == now
        assert render(source, t=timezone.now() - dt.timedelta(minutes=3)).replace("\xa0", " ") == later


def test_every_page_has_a_favicon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get("/login/").content.decode()


def test_the_top_bar_shows_the_unread_notification_count(client, reporter, other_user):
    claim = make_claim(make_article(), "le chômage a baissé de 12 %")
    for _ in range(2):
        Notification.objects.create(
            recipient=reporter, claim=claim, kind="assigned", actor=other_user, message="x"
        )
    client.force_login(reporter)
    page = client.get("/claims/").content.decode()
    assert 'class="notif-badge" data-unread="2"' in page
    Notification.objects.update(read_at=timezone.now())
    assert "notif-badge" not in client.get("/claims/").content.decode()


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [("en", "Unassigned", "Unassigned"), ("fr", "Non attribuée", "Non attribuées")],
)
def test_unassigned_agrees_with_one_claim_and_with_the_filter(client, reporter, language, one, many):
    make_claim(make_article(), "le chômage a baissé de 12 %")
    client.force_login(reporter)
    page = client.get("/claims/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<span class="muted">{one}</span>' in page
    assert f'<option value="unassigned" >{many}</option>' in page or f">{many}</option>" in page


def test_dashboard_figures_agree_in_number(client, editor):
    make_claim(make_article(), "le chômage a baissé de 12 %")
    client.force_login(editor)
    page = client.get("/claims/dashboard/").content.decode()
    assert "<strong>1</strong> claim in all" in page and "<strong>0</strong> verdicts published" in page


def test_the_timeline_names_the_verdict_in_the_readers_language(client, reporter):
    claim = make_claim(make_article(), "le chômage a baissé de 12 %")
    claim_propose(
        claim=claim, rating=Rating.objects.get(slug="mostly-true"), rationale="INSEE", by=reporter, version=1
    )
    client.force_login(reporter)
    panel = client.get(f"/claims/{claim.pk}/panel/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    timeline = panel[panel.index("rp-timeline") :]
    assert "Plutôt vrai" in timeline and "Mostly true" not in timeline


def test_a_notification_is_shown_in_the_readers_language_not_the_writers(
    client, reporter, editor, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import Preferences
    from claims.services import claim_assign

    Preferences.objects.create(user=reporter, language="fr")
    claim = make_claim(make_article(), "le chômage a baissé de 12 %")
    with (
        translation.override("en"),
        django_capture_on_commit_callbacks(execute=True),
    ):  # the editor works in English
        claim_assign(claim=claim, to=reporter, by=editor, version=1)
    note = Notification.objects.get(recipient=reporter)
    assert note.params == {"by": "editor"} and note.message == "editor assigned you a claim to check"
    client.force_login(reporter)
    assert "editor vous a attribué une affirmation à vérifier" in client.get("/claims/mine/").content.decode()
    with translation.override("en"):  # another reader, in English
        assert note.text == "editor assigned you a claim to check"
    # The e-mail goes out in the recipient's saved language.
    [mail] = mailoutbox
    assert "editor vous a attribué" in mail.subject
