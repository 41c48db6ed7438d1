"""The daily digest page and the Watchlists page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from claims.models import Claim, Rating
from sources.digest import digest
from sources.models import Source, SourceItem, Watchlist

pytestmark = pytest.mark.django_db


def followed_article(source, n, language="en"):
    article = Article.objects.create(text=f"Story {n}.", content_hash=f"{n:064d}", language=language)
    SourceItem.objects.create(source=source, guid=str(n), url=f"http://wire.test/{n}", article=article)
    return article


def claim(article, text, score, **kwargs):
    start = Claim.objects.filter(article=article).count() * 2
    return Claim.objects.create(
        article=article,
        text=text,
        start=start,
        end=start + 1,
        checkworthiness=score,
        checkworthy=kwargs.pop("checkworthy", True),
        language=article.language,
        **kwargs,
    )


def test_the_digest_ranks_new_claims_by_score_and_puts_checked_ones_last_per_language():
    source = Source.objects.create(name="Wire", url="http://wire.test/rss")
    en, fr = followed_article(source, 1), followed_article(source, 2, "fr")
    pasted = Article.objects.create(text="Pasted.", content_hash="p" * 64, language="en")
    false = Rating.objects.order_by("position").first()
    low = claim(en, "Unemployment fell to 7%.", 0.6)
    high = claim(en, "Crime doubled in a year.", 0.9)
    own_verdict = claim(en, "Taxes rose by 40%.", 0.95, verdict=false)
    # Checked before: the same claim text carries a verdict in another (older, unfollowed) article.
    old = claim(pasted, "Exports hit a record.", 0.5, verdict=false)
    Claim.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    again = claim(en, "Exports hit a record.", 0.99)
    claim(en, "Not check-worthy.", 0.99, checkworthy=False)
    claim(pasted, "Not from a followed source.", 0.99)
    french = claim(fr, "Le chômage a baissé de 3 %.", 0.7)
    sections = digest(timezone.localdate())
    assert list(sections) == ["en", "fr"]
    assert [c.pk for c in sections["en"]] == [high.pk, low.pk, again.pk, own_verdict.pk]
    assert sections["en"][2].checked_verdict == false.display_label
    assert sections["en"][0].checked_verdict is None
    assert [c.pk for c in sections["fr"]] == [french.pk]
    assert digest(timezone.localdate() - timedelta(days=1)) == {}


def test_a_claim_matched_to_a_checked_claim_or_a_fact_check_goes_last_with_its_verdict():
    from claims.models import ClaimLink, FactCheck

    source = Source.objects.create(name="Wire", url="http://wire.test/rss")
    en = followed_article(source, 1)
    pasted = Article.objects.create(text="Pasted.", content_hash="q" * 64, language="en")
    false = Rating.objects.get(slug="false")
    fresh = claim(en, "Crime doubled in a year.", 0.9)
    repeated = claim(en, "About 25,000 Starlink terminals were donated.", 0.95)
    checked = claim(pasted, "Environ 25 000 terminaux Starlink ont été donnés.", 0.9, verdict=false)
    ClaimLink.objects.create(claim=repeated, other=checked, score=0.97, status="auto")
    also = claim(en, "Unemployment fell to 3.9%.", 0.97)
    check = FactCheck.objects.create(
        claim_text="Le chômage est tombé à 3,9 %", rating="Plutôt vrai", source="csv"
    )
    ClaimLink.objects.create(claim=also, fact_check=check, score=0.96, status="confirmed")
    only_suggested = claim(en, "Prices rose 2%.", 0.5)
    ClaimLink.objects.create(claim=only_suggested, fact_check=check, score=0.5, status="suggested")
    [section] = digest(timezone.localdate()).values()
    assert [c.pk for c in section] == [fresh.pk, only_suggested.pk, also.pk, repeated.pk]
    assert (section[2].checked_verdict, section[3].checked_verdict) == ("Plutôt vrai", false.display_label)


def test_the_digest_page_renders_and_filters_by_language(web, django_assert_max_num_queries):
    source = Source.objects.create(name="Wire", url="http://wire.test/rss")
    for n in range(1, 6):
        claim(followed_article(source, n, "en" if n % 2 else "fr"), f"Claim number {n} rose 5%.", n / 10)
    with django_assert_max_num_queries(12):
        page = web.get(reverse("sources:digest"))
    assert page.status_code == 200 and b"Claim number 5" in page.content and b"Claim number 4" in page.content
    english = web.get(reverse("sources:digest") + "?language=en")
    assert b"Claim number 5" in english.content and b"Claim number 4" not in english.content
    assert web.get(reverse("sources:digest") + "?date=not-a-date").status_code == 200


def test_the_watchlists_page_saves_lists_and_deletes(web, reporter):
    response = web.post(
        reverse("sources:watchlists"),
        {
            "name": "Energy",
            "terms": "EDF, nuclear\nnuclear",
            "people": "",
            "organisations": "",
            "email": "on",
        },
    )
    assert response.status_code == 302
    watchlist = Watchlist.objects.get()
    assert (watchlist.owner, watchlist.terms) == (reporter, ["EDF", "nuclear"])
    assert b"Energy" in web.get(reverse("sources:watchlists")).content
    empty = web.post(reverse("sources:watchlists"), {"name": "Nothing"})
    assert empty.status_code == 400 and Watchlist.objects.count() == 1
    assert web.post(reverse("sources:watchlist_delete", args=[watchlist.pk])).status_code == 302
    assert not Watchlist.objects.exists()


def test_the_opt_in_digest_email_goes_out_once_a_morning_with_yesterdays_claims(web, reporter, settings):
    from datetime import datetime

    from django.core import mail

    from sources.digest import send_digests

    settings.DIGEST_HOUR = 7
    source = Source.objects.create(name="Wire", url="http://wire.test/rss")
    c = claim(followed_article(source, 1), "Crime doubled in a year.", 0.9)
    yesterday = timezone.localdate() - timedelta(days=1)
    Claim.objects.filter(pk=c.pk).update(
        created_at=timezone.make_aware(datetime.combine(yesterday, datetime.min.time())) + timedelta(hours=10)
    )
    assert web.post(reverse("sources:digest_subscription"), {"subscribe": "1"}).status_code == 302
    morning = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time())) + timedelta(
        hours=8
    )
    assert send_digests(now=morning - timedelta(hours=3)) == 0  # before DIGEST_HOUR
    assert send_digests(now=morning) == 1
    assert send_digests(now=morning + timedelta(hours=1)) == 0  # once a day
    assert mail.outbox[0].to == [reporter.email] and "Crime doubled in a year." in mail.outbox[0].body
    web.post(reverse("sources:digest_subscription"), {"subscribe": "0"})
    from sources.models import DigestSubscription

    assert not DigestSubscription.objects.exists()
