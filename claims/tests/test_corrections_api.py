"""The desk's corrections through the API: POST /api/v1/claims/, PATCH, split, merge, not-a-claim.

Every 400 and 409 named in the contract has its test here.
"""

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from claims.models import Claim, Correction, Quantity

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TEXT = (
    "Le ministère a recensé environ 25 000 terminaux. "  # 0..48
    "« Nous en livrerons 3 000 de plus », a déclaré Elon Musk vendredi. "
    "Le prix a doublé en un an."
)


def offsets(fragment: str) -> tuple[int, int]:
    start = TEXT.index(fragment)
    return start, start + len(fragment)


@pytest.fixture
def article():
    return Article.objects.create(text=TEXT, content_hash="d" * 64, status="extracted", language="fr")


@pytest.fixture
def sentence(article):
    start, end = offsets("Le ministère a recensé environ 25 000 terminaux.")
    claim = Claim.objects.create(
        article=article,
        text=TEXT[start:end],
        start=start,
        end=end,
        claim_type="quantity",
        types=["quantity"],
        speaker="l'institut vendredi",
        language="fr",
        checkworthy=True,
    )
    q0, q1 = offsets("environ 25 000")
    Quantity.objects.create(
        claim=claim, raw="environ 25 000", value=25000, unit="terminaux", approximate=True, start=q0, end=q1
    )
    return claim


@pytest.fixture
def quote(article):
    start, end = offsets("Nous en livrerons 3 000 de plus")
    return Claim.objects.create(
        article=article,
        text=TEXT[start:end],
        start=start,
        end=end,
        claim_type="quote",
        types=["quote"],
        language="fr",
    )


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def add(api, article, fragment, **extra):
    start, end = offsets(fragment)
    return api.post(
        "/api/v1/claims/", {"article": article.pk, "start": start, "end": end, **extra}, format="json"
    )


# --- POST /api/v1/claims/ ------------------------------------------------------------------------


def test_adding_a_missed_claim_answers_201_with_the_text_between_the_offsets(article, reporter):
    response = add(
        client_for(reporter),
        article,
        "Le prix a doublé en un an.",
        types=["comparison", "quantity"],
        speaker=None,
        checkworthy=True,
        quantities=[{"raw": "doublé", "value": 2, "unit": "prix", "approximate": False, "vague": False}],
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["text"] == "Le prix a doublé en un an."
    assert (body["type"], body["types"], body["origin"], body["checkworthy"]) == (
        "comparison",
        ["comparison", "quantity"],
        "desk",
        True,
    )
    assert body["quantities"][0]["raw"] == "doublé" and body["quantities"][0]["value"] == 2
    assert Correction.objects.filter(claim_id=body["id"], field="added").count() == 1


def test_a_claim_inside_or_around_another_is_fine(article, sentence, quote, reporter):
    api = client_for(reporter)
    assert add(api, article, "environ 25 000 terminaux").status_code == 201  # inside the sentence
    whole = add(api, article, "« Nous en livrerons 3 000 de plus », a déclaré Elon Musk vendredi.")
    assert whole.status_code == 201, whole.content  # around the quote


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 10, "outside"),
        (100, 10_000, "outside"),
        (20, 20, "empty"),
        (30, 10, "empty"),
        (48, 49, "empty"),  # only a blank
    ],
)
def test_a_span_outside_the_text_or_empty_is_a_400(article, reporter, start, end, message):
    response = client_for(reporter).post(
        "/api/v1/claims/", {"article": article.pk, "start": start, "end": end}, format="json"
    )
    assert response.status_code == 400
    assert message in str(response.json()["detail"])
    assert not Claim.objects.exists()


def test_a_span_crossing_another_claims_boundary_is_a_400(article, sentence, reporter):
    start, _ = offsets("25 000 terminaux. « Nous")
    response = client_for(reporter).post(
        "/api/v1/claims/", {"article": article.pk, "start": start, "end": start + 30}, format="json"
    )
    assert response.status_code == 400
    assert "crosses" in response.json()["detail"] and str(sentence.pk) in response.json()["detail"]
    assert Claim.objects.count() == 1


def test_the_same_span_twice_is_a_400_not_a_500(article, sentence, reporter):
    response = add(client_for(reporter), article, sentence.text)
    assert response.status_code == 400 and "exactly this span" in response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"article": 999_999, "start": 0, "end": 5}, "article"),
        ({"article": "DROP", "start": 0, "end": 5}, "article"),
        ({"article": "ARTICLE", "start": 0, "end": 5}, "article"),
        ({"article": None, "start": "a", "end": 5}, "start"),
        ({"start": 0, "end": 5, "types": ["opinion"]}, "types"),
        ({"start": 0, "end": 5, "types": []}, "types"),
        ({"start": 0, "end": 5, "quantities": [{"value": 3}]}, "quantities"),
        ({"start": 0, "end": 5, "quantities": [{"raw": "2", "value": "beaucoup"}]}, "quantities"),
    ],
)
def test_malformed_additions_are_400s_naming_the_field(article, reporter, payload, field):
    payload = {"article": article.pk, **payload}
    if payload["article"] == "DROP":
        del payload["article"]
    response = client_for(reporter).post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Claim.objects.exists()


def test_a_quantity_not_in_the_claims_text_is_a_400(article, reporter):
    response = add(
        client_for(reporter),
        article,
        "Le prix a doublé en un an.",
        quantities=[{"raw": "25 000", "value": 25000}],
    )
    assert response.status_code == 400 and "25 000" in response.json()["detail"]
    assert not Claim.objects.exists()


def test_only_reporters_and_above_add_claims(article, no_role_user):
    response = add(client_for(no_role_user), article, "Le prix a doublé en un an.")
    assert response.status_code == 403
    assert APIClient().post(
        "/api/v1/claims/", {"article": article.pk, "start": 0, "end": 5}, format="json"
    ).status_code in (401, 403)


# --- PATCH /api/v1/claims/{id}/ ------------------------------------------------------------------


def patch(api, claim, **data):
    return api.patch(f"/api/v1/claims/{claim.pk}/", data, format="json")


def test_correcting_every_field_in_one_patch(sentence, reporter):
    start, end = offsets("Le ministère a recensé environ 25 000 terminaux")  # drop the full stop
    response = patch(
        client_for(reporter),
        sentence,
        version=1,
        start=start,
        end=end,
        types=["quantity", "event"],
        speaker="le ministère",
        checkworthy=False,
        quantities=[
            {
                "raw": "environ 25 000",
                "value": "25000",
                "unit": "terminaux Starlink",
                "approximate": True,
                "vague": False,
            }
        ],
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["text"] == "Le ministère a recensé environ 25 000 terminaux"
    assert (body["types"], body["type"], body["speaker"], body["checkworthy"], body["version"]) == (
        ["quantity", "event"],
        "quantity",
        "le ministère",
        False,
        2,
    )
    assert body["quantities"][0]["unit"] == "terminaux Starlink"
    assert body["corrected_fields"] == ["checkworthy", "quantities", "span", "speaker", "types"]
    sentence.refresh_from_db()
    # The machine's values are kept apart; the claim's own fields hold the desk's.
    assert sentence.machine_original["speaker"] == "l'institut vendredi"
    assert sentence.machine_original["quantities"][0]["unit"] == "terminaux"
    assert sentence.machine_original["span"]["text"].endswith("terminaux.")
    assert set(Correction.objects.filter(claim=sentence).values_list("field", flat=True)) == {
        "span",
        "types",
        "speaker",
        "checkworthy",
        "quantities",
    }
    record = sentence.history.order_by("-history_date").first()
    assert record.history_user.username == "reporter" and record.history_change_reason.startswith("correct:")


def test_removing_and_adding_quantities(sentence, reporter):
    api = client_for(reporter)
    assert patch(api, sentence, version=1, quantities=[]).json()["quantities"] == []
    body = patch(
        api,
        sentence,
        version=2,
        quantities=[{"raw": "des milliers", "vague": True}]
        and [{"raw": "25 000", "value": 25000, "unit": "terminaux"}],
    ).json()
    assert [(q["raw"], q["value"], q["approximate"]) for q in body["quantities"]] == [
        ("25 000", 25000, False)
    ]
    assert Quantity.objects.get(claim=sentence).start == TEXT.index("25 000")


def test_a_stale_version_gets_409_and_changes_nothing(sentence, reporter, other_user):
    assert patch(client_for(other_user), sentence, version=1, speaker="Le ministère").status_code == 200
    stale = patch(client_for(reporter), sentence, version=1, speaker="Elon Musk", start=0, end=10)
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert any(
        change["by"] == "colleague" and change["field"] == "speaker" for change in stale.json()["changes"]
    )
    sentence.refresh_from_db()
    assert (sentence.speaker, sentence.start) == ("Le ministère", 0) and sentence.text.endswith("terminaux.")


def test_a_recut_crossing_another_claim_is_a_400(sentence, quote, reporter):
    _, end = offsets("« Nous en")
    response = patch(client_for(reporter), sentence, version=1, end=end)
    assert response.status_code == 400 and "crosses" in response.json()["detail"]
    sentence.refresh_from_db()
    assert sentence.version == 1


@pytest.mark.parametrize(("start", "end"), [(-3, 10), (0, len(TEXT) + 1), (10, 10), (12, 3)])
def test_a_recut_outside_the_text_or_empty_is_a_400(sentence, reporter, start, end):
    response = patch(client_for(reporter), sentence, version=1, start=start, end=end)
    assert response.status_code == 400
    sentence.refresh_from_db()
    assert (sentence.start, sentence.version) == (0, 1)


def test_the_older_single_type_and_rationale_patch_still_work(sentence, reporter):
    api = client_for(reporter)
    typed = patch(api, sentence, version=1, type="comparison")
    assert typed.status_code == 200 and typed.json()["types"] == ["comparison", "quantity"]
    explained = patch(api, sentence, version=2, rationale="Checked with the ministry.")
    assert explained.status_code == 200 and explained.json()["rationale"] == "Checked with the ministry."
    assert patch(api, sentence, version=3, types=["nonsense"]).status_code == 400


def test_a_reader_without_role_cannot_correct(sentence, no_role_user):
    assert patch(client_for(no_role_user), sentence, version=1, speaker="x").status_code == 403


# --- split, merge, not a claim ----------------------------------------------------------------------


def test_split_then_merge_back(article, sentence, reporter):
    api = client_for(reporter)
    at = TEXT.index("environ")
    split = api.post(f"/api/v1/claims/{sentence.pk}/split/", {"at": at, "version": 1}, format="json")
    assert split.status_code == 200, split.content
    first, second = split.json()["claims"]
    assert (first["text"], second["text"]) == ("Le ministère a recensé", "environ 25 000 terminaux.")
    assert second["origin"] == "desk" and second["quantities"][0]["raw"] == "environ 25 000"
    merged = api.post(
        f"/api/v1/claims/{first['id']}/merge/",
        {"other": second["id"], "version": first["version"], "other_version": 1},
        format="json",
    )
    assert merged.status_code == 200, merged.content
    assert (
        merged.json()["text"] == sentence.text and merged.json()["quantities"][0]["raw"] == "environ 25 000"
    )
    assert Claim.objects.count() == 1


def test_split_outside_the_claim_and_stale_merge(sentence, quote, reporter):
    api = client_for(reporter)
    assert (
        api.post(f"/api/v1/claims/{sentence.pk}/split/", {"at": 500, "version": 1}, format="json").status_code
        == 400
    )
    stale = api.post(
        f"/api/v1/claims/{sentence.pk}/merge/",
        {"other": quote.pk, "version": 1, "other_version": 7},
        format="json",
    )
    assert stale.status_code == 409
    missing = api.post(
        f"/api/v1/claims/{sentence.pk}/merge/",
        {"other": 999_999, "version": 1, "other_version": 1},
        format="json",
    )
    assert missing.status_code == 400


def test_merging_across_a_claim_in_between_is_refused(article, sentence, quote, reporter):
    third = add(client_for(reporter), article, "Le prix a doublé en un an.").json()
    response = client_for(reporter).post(
        f"/api/v1/claims/{sentence.pk}/merge/",
        {"other": third["id"], "version": 1, "other_version": 1},
        format="json",
    )
    assert response.status_code == 400 and "adjacent" in response.json()["detail"]


def test_not_a_claim_is_distinct_from_not_checkworthy(sentence, quote, reporter):
    api = client_for(reporter)
    gone = api.post(f"/api/v1/claims/{sentence.pk}/not-a-claim/", {"version": 1}, format="json")
    assert gone.status_code == 200
    assert (gone.json()["status"], gone.json()["dismiss_reason"]) == ("dismissed", "not_a_claim")
    dismissed = api.post(f"/api/v1/claims/{quote.pk}/dismiss/", {"version": 1}, format="json")
    assert dismissed.json()["dismiss_reason"] == "not_checkworthy"
    assert (
        api.post(f"/api/v1/claims/{quote.pk}/not-a-claim/", {"version": 1}, format="json").status_code == 409
    )


def test_reextraction_keeps_desk_claims_and_corrections(article, sentence, reporter):
    from claims.models import Claim as C

    api = client_for(reporter)
    added = add(api, article, "Le prix a doublé en un an.").json()
    patch(api, sentence, version=1, speaker="Le ministère")
    assert set(C.objects.untouched()) == set()
    fresh = C.objects.create(article=article, text=TEXT[50:60], start=50, end=60)
    assert set(C.objects.untouched()) == {fresh}
    assert {added["id"], sentence.pk} <= set(C.objects.touched().values_list("pk", flat=True))


# --- the article page with the desk's claims -------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_the_article_page_with_corrections_makes_a_constant_number_of_queries(
    client, reporter, count, django_assert_max_num_queries
):
    from claims import services

    article = Article.objects.create(
        text="word " * (count * 4), content_hash="q" * 64, status="extracted", language="en"
    )
    for index in range(count):
        claim = services.claim_add(
            article=article,
            by=reporter,
            start=index * 20,
            end=index * 20 + 4,
            types=["quote"],
            quantities=[{"raw": "word", "value": 1, "unit": "w"}],
        )
        services.claim_correct(claim=claim, by=reporter, version=claim.version, speaker=f"Speaker {index}")
    client.force_login(reporter)
    # session, user, role and permissions (may she re-extract?), article, the highlights' spans, the
    # first page of cards, their quantities, the top bar's unread count: the same at 3 and 30 desk claims
    with django_assert_max_num_queries(10):
        response = client.get(f"/articles/{article.pk}/")
    body = response.content.decode()
    assert (
        body.count('class="claim-card') == count
        and f"Speaker {count - 1}" in body
        and 'id="add-claim"' in body
    )


def test_the_panel_timeline_says_who_corrected_what(client, sentence, reporter):
    from claims import services

    services.claim_correct(
        claim=sentence, by=reporter, version=1, speaker="Le ministère", end=sentence.end - 1
    )
    client.force_login(reporter)
    body = client.get(f"/claims/{sentence.pk}/panel/", HTTP_HX_REQUEST="true").content.decode()
    timeline = body[body.index('class="timeline"') :]
    assert "corrected the claim" in timeline and "<strong>reporter</strong>" in timeline
    assert "Speaker: l&#x27;institut vendredi → Le ministère" in timeline
    assert "Corrected: Span, Speaker" in timeline
