"""CSV import of claims with verdicts (/claims/import/): preview with row errors, all-or-nothing confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import Claim, Evidence
from claims.services import imports
from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/claims/import/"


@pytest.fixture
def article():
    return make_article(
        "Le ministre a dit que le chômage a baissé de 12 %. La dette a doublé.",
        url="https://news.example/discours",
    )


def csv_file(article, *rows: str, header="article_url,claim,rating,rationale,evidence_url") -> bytes:
    return ("\ufeff" + "\n".join([header, *rows]) + "\n").encode()


def good(article) -> bytes:
    return csv_file(
        article,
        f"{article.url},le chômage a baissé de 12 %,false,L'INSEE dit le contraire.,https://insee.example/a",
        f'{article.url},La dette a doublé,Mostly true,"Elle a crû de 90 %, pas 100 %.",',
    )


def upload(client, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile("verdicts.csv", data, content_type="text/csv")})


def test_the_preview_writes_nothing_and_offers_to_import(client, editor, article):
    client.force_login(editor)
    page = upload(client, good(article))
    assert page.status_code == 200
    assert "2 claims ready to import" in page.text and 'name="confirm"' in page.text
    assert not Claim.objects.exists()


def test_confirming_creates_proposed_verdicts_with_offsets_and_evidence(client, editor, article):
    client.force_login(editor)
    response = client.post(URL, {"data": good(article).decode(), "confirm": "1"})
    assert response.status_code == 302
    first, second = Claim.objects.order_by("start")
    assert (first.start, first.end) == (22, 49) and article.text[first.start : first.end] == first.text
    assert (
        first.status == "verdict_proposed" and first.proposed_by == editor and first.verdict.slug == "false"
    )
    assert second.verdict.slug == "mostly-true" and second.rationale == "Elle a crû de 90 %, pas 100 %."
    assert list(Evidence.objects.values_list("claim_id", "url")) == [(first.pk, "https://insee.example/a")]


def test_row_errors_are_listed_and_nothing_is_imported(client, editor, article):
    client.force_login(editor)
    data = csv_file(
        article,
        f"{article.url},le chômage a baissé de 12 %,false,Non.,",
        f"{article.url},Une phrase absente,false,Non.,",
        "https://elsewhere.example/x,La dette a doublé,false,Non.,",
        f"{article.url},La dette a doublé,vrai-ish,,notaurl",
    )
    page = client.post(URL, {"data": data.decode(), "confirm": "1"})
    assert page.status_code == 200
    text = page.text
    assert "3 rows have errors" in text
    assert "The claim text is not in the article." in text
    assert "No article https://elsewhere.example/x in Claimtrack." in text
    assert "Unknown rating" in text and "The rationale is required." in text and "Not a web address" in text
    assert 'name="confirm"' not in text
    assert not Claim.objects.exists()


def test_articles_can_be_named_by_id_and_semicolons_separate_columns(editor, article):
    data = f"article_id;claim;rating;rationale\n{article.pk};La dette a doublé;mixed;Pas tout à fait.\n"
    result = imports.import_claims(data=data.encode(), by=editor)
    assert result.created == 1 and Claim.objects.get().verdict.slug == "mixed"


def test_a_claim_already_in_claimtrack_is_an_error(editor, article):
    make_claim(article, "La dette a doublé")
    result = imports.import_check(data=good(article))
    assert result.error_count == 1
    assert "This claim is already in Claimtrack." in result.rows[1].errors


def test_the_same_claim_twice_in_the_file_is_an_error(editor, article):
    row = f"{article.url},La dette a doublé,false,Non.,"
    result = imports.import_check(data=csv_file(article, row, row))
    assert result.rows[1].errors == ["The same claim appears twice in the file."]


def test_a_file_without_the_needed_columns_is_refused(client, editor, article):
    client.force_login(editor)
    page = upload(client, b"title,body\nx,y\n")
    assert "The header needs" in page.text and not Claim.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(client, editor, article):
    client.force_login(editor)
    page = upload(client, "article_id,claim\n1,Élu\n".encode("utf-16"))
    assert "UTF-8" in page.text


def test_only_editors_import(client, reporter, article):
    client.force_login(reporter)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"data": good(article).decode(), "confirm": "1"}).status_code == 403
    assert not Claim.objects.exists()


def test_the_form_page_explains_the_columns(client, editor):
    client.force_login(editor)
    page = client.get(URL)
    assert page.status_code == 200 and "article_url" in page.text and "evidence_url" in page.text


@pytest.fixture
def default_csv_field_limit():
    """Start from Python's default field limit (131,072), whatever an earlier test raised it to."""
    import csv

    saved = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(saved)


def test_a_cell_over_131072_characters_is_a_row_error_not_a_500(
    client, editor, article, default_csv_field_limit
):
    client.force_login(editor)
    rationale = "Elle a crû de 90 %. " * 7_000  # 140,000 characters
    page = upload(client, csv_file(article, f'{article.url},La dette a doublé,mostly-true,"{rationale}",'))
    assert page.status_code == 200
    assert "1 row has errors" in page.text
    assert "The rationale is longer than 20,000 characters." in page.text
    assert 'name="confirm"' not in page.text and not Claim.objects.exists()


def many_rows(count: int):
    text = " ".join(f"Phrase numéro {n} du discours." for n in range(count))
    article = make_article(text, url="https://news.example/long-speech")
    lines = [f"{article.pk},Phrase numéro {n} du discours.,mixed,Vérifié ligne {n}.," for n in range(count)]
    return article, csv_file(article, *lines, header="article_id,claim,rating,rationale,evidence_url")


def test_1500_valid_rows_are_checked_in_a_few_queries_and_imported(editor, django_assert_max_num_queries):
    """1,500 rows made one OR of 1,500 terms: "Expression tree is too large" on SQLite. Lookups are batched."""
    article, data = many_rows(1_500)
    make_claim(article, "Phrase numéro 1499 du discours.")
    with django_assert_max_num_queries(10):
        checked = imports.import_check(data=data)
    assert len(checked.rows) == 1_500 and checked.error_count == 1
    assert checked.rows[-1].errors == ["This claim is already in Claimtrack."]
    Claim.objects.all().delete()
    result = imports.import_claims(data=data, by=editor)
    assert result.ok and result.created == 1_500
    assert Claim.objects.filter(article=article, status="verdict_proposed").count() == 1_500
