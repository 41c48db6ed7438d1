"""Re-extraction never removes what the desk worked on (issue 17, "Data loss").

A claim is the desk's once anyone touched it in any way: `Claim.objects.touched()`.
Re-extraction keeps such claims with their ids and offsets, and drops every new
machine claim whose span equals or overlaps one of them.
"""

import pytest

from articles.services import article_requeue, article_submit
from claims.models import Claim, Notification, Rating
from claims.services import (
    WorkflowError,
    article_extract,
    claim_assign,
    claim_comment,
    claim_dismiss,
    claim_propose,
    claim_update,
    evidence_add,
)
from conftest import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def extracted(seed_text, rita):
    article = article_submit(text=seed_text, title="Starlink", submitted_by=rita).article
    article_extract(article_id=article.pk)
    return article


def reextract(article):
    article_requeue(article=article)
    article_extract(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == "extracted"


def a_new_claim(article, *, exclude=()):
    return (
        Claim.objects.filter(article=article, status="new").exclude(pk__in=exclude).order_by("start").first()
    )


def test_evidence_a_comment_and_a_speaker_edit_survive_re_extraction(extracted, rita, rob):
    """The issue's reproduction: the claim stays `new` (version 2) and must not be deleted."""
    claim = a_new_claim(extracted)
    evidence_add(claim=claim, by=rita, url="https://www.example.org/spacex", title="SpaceX statement")
    claim_comment(claim=claim, by=rita, body="@rob can you call SpaceX?")
    claim = claim_update(claim=claim, by=rita, version=claim.version, speaker="Elon Musk")
    assert (claim.status, claim.version) == ("new", 2)
    span = (claim.start, claim.end)

    reextract(extracted)

    kept = Claim.objects.get(pk=claim.pk)
    assert (kept.start, kept.end, kept.speaker, kept.version) == (*span, "Elon Musk", 2)
    assert [e.title for e in kept.evidence.all()] == ["SpaceX statement"]
    assert [c.body for c in kept.comments.all()] == ["@rob can you call SpaceX?"]
    assert Notification.objects.filter(claim=kept, recipient=rob, kind="mentioned").count() == 1


@pytest.mark.parametrize(
    "touch",
    [
        "evidence",
        "comment",
        "mention_only",
        "speaker_edit",
        "version_only",
        "history_by_user",
        "dismissed",
        "assigned",
        "proposed",
    ],
)
def test_every_kind_of_desk_work_keeps_the_claim(touch, extracted, rita, rob):
    claim = a_new_claim(extracted)
    if touch == "evidence":
        evidence_add(claim=claim, by=rita, url="https://www.example.org/a", title="A")
    elif touch == "comment":
        claim_comment(claim=claim, by=rita, body="Worth a call.")
    elif touch == "mention_only":
        # A notification refers to the claim (its comment removed by an admin later).
        claim_comment(claim=claim, by=rita, body="@rob look").delete()
    elif touch == "speaker_edit":
        claim_update(claim=claim, by=rita, version=1, speaker="Elon Musk")
    elif touch == "version_only":
        Claim.objects.filter(pk=claim.pk).update(version=2)
    elif touch == "history_by_user":
        claim._history_user = rita
        claim.save()
    elif touch == "dismissed":
        claim_dismiss(claim=claim, by=rita, version=1)
    elif touch == "assigned":
        claim_assign(claim=claim, to=rita, by=rita, version=1)
    elif touch == "proposed":
        claim_propose(
            claim=claim, rating=Rating.objects.get(slug="true"), rationale="Yes.", by=rita, version=1
        )
    assert Claim.objects.filter(pk=claim.pk).touched().exists()
    assert Claim.objects.get(pk=claim.pk).is_desk_owned
    untouched = set(Claim.objects.filter(article=extracted).untouched().values_list("pk", flat=True))
    assert claim.pk not in untouched and untouched

    reextract(extracted)

    assert Claim.objects.filter(pk=claim.pk, start=claim.start, end=claim.end).exists()
    # What nobody touched was replaced by fresh machine claims.
    assert not Claim.objects.filter(pk__in=untouched).exists()


def test_an_untouched_claim_is_not_desk_owned(extracted):
    claim = a_new_claim(extracted)
    assert not claim.is_desk_owned
    assert Claim.objects.filter(article=extracted).touched().count() == 0


def test_no_machine_claim_overlaps_a_kept_desk_claim(extracted, rita):
    """A desk claim narrower than the machine's (a span correction) is kept alone over its text."""
    machine = a_new_claim(extracted)
    start, end = machine.start, machine.end
    machine.delete()
    desk = Claim.objects.create(
        article=extracted, text=extracted.text[start + 1 : end - 1], start=start + 1, end=end - 1, version=2
    )
    reextract(extracted)
    overlapping = Claim.objects.filter(article=extracted, start__lt=desk.end, end__gt=desk.start)
    assert list(overlapping.values_list("pk", flat=True)) == [desk.pk]
    # And the rest of the article still got its claims.
    assert Claim.objects.filter(article=extracted).count() > 5


def test_re_extracting_twice_keeps_desk_claims_ids_and_offsets(extracted, rita):
    first = a_new_claim(extracted)
    evidence_add(claim=first, by=rita, url="https://www.example.org/a", title="A")
    second = a_new_claim(extracted, exclude=[first.pk])
    claim_comment(claim=second, by=rita, body="Check this.")
    before = sorted(Claim.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "start", "end"))
    reextract(extracted)
    reextract(extracted)
    after = sorted(Claim.objects.filter(pk__in=[first.pk, second.pk]).values_list("pk", "start", "end"))
    assert after == before
    spans = list(Claim.objects.filter(article=extracted).values_list("start", "end"))
    assert len(spans) == len(set(spans))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["evidence", "comment"])
def test_work_on_a_claim_replaced_meanwhile_is_refused_readably(action, seed_text, django_user_model):
    """The panel was opened on an untouched claim; re-extraction replaced it before the POST.
    The reporter is told so (a 400 in the API), instead of a foreign-key error at commit (a 500)."""
    rita = make_user(django_user_model, "rita", "reporter")
    article = article_submit(
        text="Le chômage a baissé de 3 % en 2024, selon l'Insee.", submitted_by=rita
    ).article
    article_extract(article_id=article.pk)
    opened = Claim.objects.filter(article=article).first()
    Claim.objects.filter(pk=opened.pk).delete()  # what re-extraction does to an untouched claim
    with pytest.raises(WorkflowError, match="no longer exists"):
        if action == "evidence":
            evidence_add(claim=opened, by=rita, url="https://www.example.org/a", title="A")
        else:
            claim_comment(claim=opened, by=rita, body="Worth a call.")
