"""GET /api/v1/claims/export/ and /claims/export/: formats, filters, formula neutralising, 400s."""

import codecs
import csv
import io
import json

import openpyxl
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.exports.rows import CSV_COLUMNS
from claims.exports.writers import neutralise
from claims.models import Claim, Quantity
from claims.serializers import ClaimOutput
from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

URL = "/api/v1/claims/export/"


@pytest.fixture
def claims():
    article = make_article(
        'Le ministre a dit que le chômage a baissé de 12 %. =HYPERLINK("http://evil") fin.'
    )
    published = make_claim(
        article,
        "le chômage a baissé de 12 %",
        status="published",
        verdict="false",
        checkworthy=True,
        score=0.9,
        rationale="INSEE: +0,3 point.",
        speaker="Le ministre",
        evidence=["https://insee.example/a", "https://insee.example/b"],
    )
    Quantity.objects.create(claim=published, raw="12 %", value="12", unit="%", start=50, end=54)
    formula = make_claim(
        article, '=HYPERLINK("http://evil")', speaker="@attacker", rationale="-1+1", score=0.2
    )
    return published, formula


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response) -> list[dict]:
    data = body(response)
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_format_csv_reaches_the_view_instead_of_drf_content_negotiation(api, claims):
    response = api.get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="claims-' in response["Content-Disposition"]


def test_a_token_authenticates_the_export(reporter, claims):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=reporter).key}")
    response = client.get(URL + "?format=ndjson")
    assert response.status_code == 200
    assert len(body(response).splitlines()) == 2


def test_it_requires_login(claims):
    assert APIClient().get(URL, {"format": "csv"}).status_code in (401, 403)


def test_the_csv_has_a_bom_the_documented_columns_and_one_row_per_claim(api, claims):
    published, _ = claims
    rows = read_csv(api.get(URL, {"format": "csv"}))
    assert list(rows[0]) == CSV_COLUMNS
    row = next(r for r in rows if r["id"] == str(published.pk))
    assert row["verdict"] == "False" and row["rating_value"] == "1" and row["status"] == "published"
    assert row["quantities"] == "12 %=12 %"
    assert row["evidence_urls"] == "https://insee.example/a; https://insee.example/b"
    assert row["article_url"] == published.article.url and row["outlet"] == "Le Quotidien"
    assert row["checkworthy"] == "yes" and row["score"] == "0.9"


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(api, claims):
    _, formula = claims
    row = next(r for r in read_csv(api.get(URL, {"format": "csv"})) if r["id"] == str(formula.pk))
    assert row["text"] == '\'=HYPERLINK("http://evil")'
    assert row["speaker"] == "'@attacker"
    assert row["rationale"] == "'-1+1"


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_prefix_is_neutralised(value):
    assert neutralise(value) == "'" + value
    assert neutralise("ordinary") == "ordinary" and neutralise(-1) == -1


def test_the_export_uses_the_list_filters(api, claims):
    published, _ = claims
    rows = read_csv(api.get(URL, {"format": "csv", "status": "published"}))
    assert [r["id"] for r in rows] == [str(published.pk)]
    assert read_csv(api.get(URL, {"format": "csv", "verdict": "true"})) == []


def test_invalid_filters_are_a_400_listing_them(api, claims):
    response = api.get(URL, {"format": "csv", "status": "nonsense", "score_min": "7"})
    assert response.status_code == 400
    assert {"status", "score_min"} <= set(response.json())


def test_an_unknown_format_is_a_400(api, claims):
    response = api.get(URL, {"format": "docx"})
    assert response.status_code == 400 and "format" in response.json()


def test_json_is_a_list_in_the_apis_claim_shape(api, claims):
    data = json.loads(body(api.get(URL, {"format": "json"})))
    assert len(data) == 2
    assert set(data[0]) == set(ClaimOutput.Meta.fields)
    published = next(item for item in data if item["status"] == "published")
    assert published["verdict"] == "false" and published["quantities"][0]["raw"] == "12 %"


def test_ndjson_is_one_claim_per_line(api, claims):
    lines = body(api.get(URL, {"format": "ndjson", "sort": "oldest"})).decode().splitlines()
    items = [json.loads(line) for line in lines]
    assert [item["id"] for item in items] == sorted(c.pk for c in claims)
    assert set(items[0]) == set(ClaimOutput.Meta.fields)


def test_an_empty_selection_is_valid_json(api, claims):
    assert json.loads(body(api.get(URL, {"format": "json", "language": "de"}))) == []


def test_a_small_xlsx_is_answered_at_once_and_keeps_formulas_as_text(api, claims):
    response = api.get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    data = body(response)
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == CSV_COLUMNS
    texts = {row[CSV_COLUMNS.index("text")] for row in rows[1:]}
    assert texts == {"le chômage a baissé de 12 %", '=HYPERLINK("http://evil")'}
    cells = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))
    assert all(row[CSV_COLUMNS.index("text")].data_type == "s" for row in cells)


def test_the_page_export_streams_the_queue_selection(web, claims):
    published, _ = claims
    response = web.get("/claims/export/", {"format": "csv", "checkworthy": "true"})
    assert response.status_code == 200 and response.streaming
    assert [r["id"] for r in read_csv(response)] == [str(published.pk)]


def test_the_article_export_is_limited_to_that_article(web, claims):
    published, _ = claims
    other = make_claim(make_article(), "Article", status="new")
    response = web.get(
        f"/claims/article/{published.article_id}/export/", {"format": "ndjson", "article": other.article_id}
    )
    ids = {json.loads(line)["id"] for line in body(response).splitlines()}
    assert ids == {c.pk for c in claims}
    assert web.get("/claims/article/999999/export/", {"format": "csv"}).status_code == 404


def test_the_page_export_needs_login(client, claims):
    assert client.get("/claims/export/?format=csv").status_code == 302


def test_seed_bench_creates_tops_up_and_clears(capsys):
    from django.core.management import call_command

    from claims.management.commands.seed_bench import bench_articles

    call_command("seed_bench", articles=4, claims=10)
    assert bench_articles().count() == 4
    assert Claim.objects.filter(article__in=bench_articles()).count() == 10
    claim = Claim.objects.filter(article__in=bench_articles()).select_related("article").first()
    assert claim.article.text[claim.start : claim.end] == claim.text
    call_command("seed_bench", articles=4, claims=10)
    assert bench_articles().count() == 4 and "nothing to do" in capsys.readouterr().out
    call_command("seed_bench", articles=6, claims=15)
    assert bench_articles().count() == 6 and Claim.objects.count() == 15
    call_command("seed_bench", clear=True)
    assert not bench_articles().exists() and not Claim.objects.exists()


def test_the_number_of_queries_does_not_grow_with_the_claims(api):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as captured:
            body(api.get(URL, {"format": "csv"}))
        return len(captured)

    article = make_article("Texte.")
    make_claim(article, "un", status="published", verdict="true", evidence=["https://a.example/1"])
    queries_for_export()  # the first request also looks up the user's role (then kept on the user)
    few = queries_for_export()
    for n in range(30):
        make_claim(
            article, f"claim {n}", status="published", verdict="false", evidence=[f"https://a.example/{n}"]
        )
    assert queries_for_export() == few


def test_the_csv_names_status_and_types_in_the_readers_language(api, claims):
    published, _ = claims
    Claim.objects.filter(pk=published.pk).update(types=["quantity", "comparison"])
    rows = read_csv(api.get(URL, {"format": "csv"}, HTTP_ACCEPT_LANGUAGE="fr"))
    row = next(r for r in rows if r["id"] == str(published.pk))
    assert row["status"] == "published" and row["status_label"] == "Publiée"
    assert row["types"] == "quantity; comparison" and row["types_label"] == "Quantité; Comparaison"


def test_the_xlsx_has_a_filter_and_readable_column_widths(api, claims):
    data = body(api.get(URL, {"format": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(CSV_COLUMNS))}3"
    text_col = openpyxl.utils.get_column_letter(CSV_COLUMNS.index("text") + 1)
    id_col = openpyxl.utils.get_column_letter(CSV_COLUMNS.index("id") + 1)
    assert sheet.column_dimensions[text_col].width > 60 > sheet.column_dimensions[id_col].width
