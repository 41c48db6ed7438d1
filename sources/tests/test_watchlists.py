"""Watchlists: a new check-worthy claim naming a watched entry notifies (in the app and by e-mail)."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from rest_framework.test import APIClient

from articles.models import Article
from articles.services import article_submit
from claims.models import Claim, Notification
from claims.services import article_extract
from sources.models import Watchlist
from sources.watchlists import matches, notify_watchlists

pytestmark = pytest.mark.django_db


def test_a_watchlist_hit_in_a_freshly_extracted_article_notifies_the_owner_and_the_team(
    seed_text, reporter, other_user, editor, django_capture_on_commit_callbacks
):
    team = Group.objects.create(name="Ukraine desk")
    other_user.groups.add(team)
    Watchlist.objects.create(name="Ukraine", owner=reporter, team=team, terms=["starlink"])
    Watchlist.objects.create(name="Nothing here", owner=editor, people=["Angela Merkel"])
    article = article_submit(text=seed_text, language="fr").article
    with django_capture_on_commit_callbacks(execute=True):
        article_extract(article_id=article.pk)
    hits = Claim.objects.filter(article=article, checkworthy=True, text__icontains="starlink")
    assert hits.exists()
    notes = Notification.objects.filter(kind="watchlist")
    assert {n.recipient for n in notes} == {reporter, other_user}
    assert notes.filter(recipient=reporter).count() == hits.count()
    assert all(n.claim.checkworthy for n in notes)
    assert "Ukraine" in notes.first().message
    assert {tuple(m.to) for m in mail.outbox} == {(reporter.email,), (other_user.email,)}


def test_claims_that_are_not_check_worthy_do_not_notify(reporter):
    Watchlist.objects.create(name="w", owner=reporter, terms=["budget"])
    article = Article.objects.create(text="The budget grew.", content_hash="a" * 64)
    claim = Claim.objects.create(article=article, text="The budget grew.", start=0, end=16, checkworthy=False)
    assert notify_watchlists(claim_ids=[claim.pk]) == 0
    claim.checkworthy = True
    claim.save()
    assert notify_watchlists(claim_ids=[claim.pk]) == 1


def test_matching_is_on_whole_words_ignoring_case_and_accents(reporter):
    watchlist = Watchlist(
        name="w",
        owner=reporter,
        people=["Emmanuel Macron"],
        organisations=["Sécurité sociale"],
        terms=["EDF"],
    )
    claim = Claim(text="La securite sociale a perdu 3 milliards, selon EDF.", speaker="emmanuel macron")
    assert matches(watchlist, claim) == ["EDF", "Emmanuel Macron", "Sécurité sociale"]
    assert matches(watchlist, Claim(text="Les EDFistes et macronomics", speaker="")) == []


def test_the_watchlist_api_keeps_them_per_user_and_per_team(reporter, other_user, editor):
    team = Group.objects.create(name="Politics")
    reporter.groups.add(team)
    other_user.groups.add(team)
    api = APIClient()
    api.force_authenticate(reporter)
    created = api.post(
        "/api/v1/watchlists/",
        {
            "name": "Elections",
            "terms": ["ballot", " ballot ", "x"],
            "people": ["Jane Doe"],
            "team": "Politics",
        },
        format="json",
    )
    assert created.status_code == 201, created.data
    assert created.json()["terms"] == ["ballot"] and created.json()["team"] == "Politics"
    assert api.post("/api/v1/watchlists/", {"name": "Empty"}, format="json").status_code == 400
    assert (
        api.post(
            "/api/v1/watchlists/", {"name": "t", "terms": ["a b"], "team": "editor"}, format="json"
        ).status_code
        == 400
    )  # not a team the reporter is in
    colleague = APIClient()
    colleague.force_authenticate(other_user)
    assert [w["name"] for w in colleague.get("/api/v1/watchlists/").json()["results"]] == ["Elections"]
    pk = created.json()["id"]
    assert colleague.delete(f"/api/v1/watchlists/{pk}/").status_code == 403
    outsider = APIClient()
    outsider.force_authenticate(editor)
    assert outsider.get("/api/v1/watchlists/").json()["count"] == 0
    assert outsider.get(f"/api/v1/watchlists/{pk}/").status_code == 404
    assert api.patch(f"/api/v1/watchlists/{pk}/", {"organisations": ["UN"]}, format="json").status_code == 200
    assert api.delete(f"/api/v1/watchlists/{pk}/").status_code == 204
