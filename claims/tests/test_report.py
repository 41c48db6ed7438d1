"""The printable report: /claims/report/ (HTML and PDF) and /api/v1/articles/<id>/report/."""

import io

import pytest
from pypdf import PdfReader

from claims.models import Rating
from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def article():
    article = make_article(
        "Le ministre a dit que le chômage a baissé de 12 %. La dette a doublé. Il fait beau.",
        title="Discours du 2 mars",
    )
    make_claim(article, "Il fait beau", status="new", score=0.1)
    make_claim(article, "La dette a doublé", status="in_review", checkworthy=True, score=0.8)
    make_claim(
        article,
        "le chômage a baissé de 12 %",
        status="published",
        verdict="false",
        checkworthy=True,
        score=0.9,
        rationale="Selon l'INSEE, il a augmenté.",
        evidence=["https://insee.example/chomage"],
    )
    return article


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_report_lists_reviewed_claims_first_with_verdicts_and_evidence(web, article):
    page = web.get("/claims/report/", {"article": article.pk})
    assert page.status_code == 200
    text = page.text
    assert "Discours du 2 mars" in text
    assert text.index("le chômage a baissé") < text.index("La dette a doublé") < text.index("Il fait beau")
    assert 'class="verdict verdict-false"' in text and "Selon l&#x27;INSEE, il a augmenté." in text
    assert 'href="https://insee.example/chomage"' in text


def test_the_report_page_has_no_inline_script_or_style(web, article):
    text = web.get("/claims/report/", {"article": article.pk}).text
    assert "<script" not in text and "style=" not in text and "<style" not in text
    assert "/p/assets/report.css" in text


def test_it_can_be_grouped_by_verdict(web, article):
    text = web.get("/claims/report/", {"article": article.pk, "group": "verdict"}).text
    assert text.index("No verdict yet") > text.index("verdict-false")


def test_the_report_takes_any_queue_filter(web, article):
    other = make_article("Autre article : 5 % de plus.", title="Autre")
    make_claim(other, "5 % de plus", status="published", verdict="true", rationale="Oui.")
    text = web.get("/claims/report/", {"status": "published", "created_after": "2000-01-01"}).text
    assert "5 % de plus" in text and "le chômage a baissé" in text and "La dette" not in text
    assert web.get("/claims/report/", {"created_after": "not a date"}).status_code == 400


def test_the_pdf_contains_the_claims_and_verdict_labels(web, article):
    response = web.get("/claims/report/", {"article": article.pk, "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "le chômage a baissé de 12 %" in text and "False" in text and "La dette a doublé" in text


def test_the_api_serves_an_articles_report_as_html_or_pdf(api, article):
    html = api.get(f"/api/v1/articles/{article.pk}/report/", {"format": "html"})
    assert html.status_code == 200 and "le chômage a baissé de 12 %" in html.content.decode()
    pdf = api.get(f"/api/v1/articles/{article.pk}/report/?format=pdf")
    assert pdf.status_code == 200 and "Selon l'INSEE" in pdf_text(pdf.content)
    assert api.get("/api/v1/articles/999999/report/?format=pdf").status_code == 404
    assert api.get(f"/api/v1/articles/{article.pk}/report/?format=docx").status_code == 400


def test_the_stylesheet_carries_checked_rating_colours(client):
    Rating.objects.filter(slug="mixed").update(colour="red;}p{")  # 7 characters: the column's limit
    css = client.get("/p/assets/report.css").content.decode()
    assert ".verdict-false { background: #a4161a; color: #ffffff; }" in css
    assert "red;}" not in css and ".verdict-mixed { background: #777777;" in css
    assert client.get("/p/assets/nope.css").status_code == 404


def test_the_report_needs_login(client, article):
    assert client.get("/claims/report/", {"article": article.pk}).status_code == 302
