"""Stored XSS, in a real browser: every field a person can write, on every page that shows it.

Payloads are stored through the services (and the ORM where no service writes the
field), an editor opens each page in Debian's Chromium, and the test asserts that
no payload ran (``window.__xss`` stays undefined, no dialog opened), that the
browser reported no Content-Security-Policy violation, that every response
carries the CSP header, and that no ``javascript:`` URL became a live link.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from django.test import Client

from articles.models import Article, Outlet
from claims.models import Claim, Comment, Evidence, Export, Quantity, Rating
from claims.services import WorkflowError
from claims.services.review import (
    claim_approve,
    claim_assign,
    claim_comment,
    claim_propose,
    claim_return,
    evidence_add,
)
from conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JS_URL = "javascript:window.__xss=1"
PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '"><svg onload=window.__xss=1>',
    '\'><iframe srcdoc="<script>parent.__xss=1</script>">',
    "</textarea></title><script>alert(1)</script>",
    '{{ 7*7 }}<a href="javascript:window.__xss=1">x</a>',
    JS_URL,
]
ALL = " ".join(PAYLOADS)


def p(label: str) -> str:
    """A field value: a readable label followed by every payload."""
    return f"{label} {ALL}"


@pytest.fixture
def hostile(django_user_model):
    """An article, claims, evidence, comments, a rating and an export, all full of payloads."""
    reporter = make_user(django_user_model, "rita", "reporter")
    editor = make_user(django_user_model, "eddie", "editor")

    rating = Rating.objects.get(slug="true")
    rating.label = p("True")[:80]
    rating.save()

    sentences = [p(f"Sentence {i}: unemployment fell by {i} %.") for i in range(4)]
    text = "\n\n".join(sentences)
    article = Article.objects.create(
        title=p("Title")[:500],
        text=text,
        content_hash=uuid.uuid4().hex * 2,
        status="extracted",
        language="en",
        outlet=Outlet.objects.create(name=p("Outlet")[:200]),
        author=p("Author")[:300],
        url="https://example.org/story?q=%3Cscript%3E",
    )
    claims = []
    offset = 0
    for sentence in sentences:
        claims.append(
            Claim.objects.create(
                article=article,
                text=sentence,
                start=offset,
                end=offset + len(sentence),
                claim_type="quantity",
                speaker=p("Speaker")[:300],
                checkworthy=True,
                checkworthiness=0.9,
            )
        )
        raw_at = sentence.index("fell by")
        Quantity.objects.create(
            claim=claims[-1],
            raw=p("raw")[:200],
            unit=p("unit")[:200],
            value=3,
            start=offset + raw_at,
            end=offset + raw_at + 7,
        )
        offset += len(sentence) + 2
    published, returned, assigned, plain = claims

    # Evidence through the service; a javascript: URL must be refused there.
    for claim in (published, returned):
        evidence_add(
            claim=claim,
            by=reporter,
            url="https://example.org/e?x=%22%3E%3Csvg%3E",
            title=p("Evidence"),
            source_name=p("Source"),
            excerpt=p("Excerpt"),
            note=p("Note"),
            stance="supports",
        )
        with pytest.raises(WorkflowError):
            evidence_add(claim=claim, by=reporter, url=JS_URL, title="JS", stance="supports")
        with pytest.raises(WorkflowError):
            evidence_add(
                claim=claim, by=reporter, url="data:text/html,<script>window.__xss=1</script>", title="D"
            )
        # ...and one stored behind the service's back, to prove the templates do not link it.
        Evidence.objects.create(
            claim=claim, url=JS_URL, title=p("Raw JS evidence"), stance="refutes", added_by=reporter
        )
    assert Evidence.objects.filter(url__startswith="javascript:").count() == 2

    claim_comment(claim=published, by=reporter, body=p("Comment @eddie"))
    claim_comment(claim=returned, by=reporter, body=p("Another comment"))

    # A published claim with a public page, and a returned one with its reason.
    for claim in (published, returned):
        claim_assign(claim=claim, to=reporter, by=reporter, version=None)
        claim_propose(claim=claim, rating=rating, rationale=p("Rationale"), by=reporter, version=None)
    claim_return(claim=returned, reason=p("Reason"), by=editor, version=None)
    claim_return(claim=published, reason=p("First reason"), by=editor, version=None)
    claim_propose(claim=published, rating=rating, rationale=p("Second rationale"), by=reporter, version=None)
    claim_approve(claim=published, by=editor, version=None)
    from claims.services.publishing import claim_set_public

    claim_set_public(claim=published, public=True, by=editor)
    claim_assign(claim=assigned, to=editor, by=editor, version=None)

    Export.objects.create(
        owner=editor,
        format="xlsx",
        status="failed",
        filters={"q": [ALL], p("key")[:60]: [ALL]},
        error=p("Error"),
    )
    Export.objects.create(owner=editor, format="csv", status="done", filters={"speaker": [ALL]}, row_count=3)

    # The article's own URL, too, written behind the service's back.
    Article.objects.filter(pk=article.pk).update(url=JS_URL)
    published.refresh_from_db()
    return {
        "editor": editor,
        "article": article,
        "published": published,
        "returned": returned,
        "assigned": assigned,
        "plain": plain,
    }


def pages(h) -> list[str]:
    a, pub = h["article"].pk, h["published"]
    q = quote("<script>window.__xss=1</script>")
    return [
        "/articles/",
        f"/articles/{a}/",
        f"/articles/{a}/?claim={h['returned'].pk}",
        f"/claims/{pub.pk}/panel/",
        f"/claims/{h['returned'].pk}/panel/",
        f"/claims/{h['assigned'].pk}/panel/",
        "/claims/",
        f"/claims/?q={q}",
        f"/claims/?q={quote('Speaker <img src=x onerror')}",
        f"/claims/?status=published&status=in_review&q={quote(JS_URL)}",
        "/claims/mine/",
        "/claims/dashboard/",
        "/claims/ratings/",
        f"/claims/report/?article={a}",
        "/claims/report/",
        f"/p/{pub.public_id}/",
        "/claims/exports/",
        "/profile/",
    ]


def test_no_stored_payload_runs_on_any_page(chromium, live_server, hostile):
    client = Client()
    client.force_login(hostile["editor"])
    session = client.cookies["sessionid"].value

    context = chromium.new_context(base_url=live_server.url)
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    context.set_default_timeout(15_000)
    page = context.new_page()
    dialogs: list[str] = []
    violations: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )

    # Control: the harness does see a payload that runs (no CSP on a blank page).
    control = context.new_page()
    control.set_content('<img src=x onerror="window.__xss=1">')
    control.wait_for_function("window.__xss === 1")
    control.close()

    checked = []
    for path in pages(hostile):
        response = page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        assert page.url.startswith(live_server.url) and "/login/" not in page.url, path
        csp = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0], (path, csp)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # let onerror/onload handlers (if any were live) fire
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert dialogs == [], (path, dialogs)
        assert violations == [], (path, violations)
        live_js_links = page.evaluate(
            "Array.from(document.querySelectorAll('[href],[src],[action],[formaction]'))"
            ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('formaction') || '')"
            ".filter(v => /^\\s*(javascript|data|vbscript):/i.test(v) && !v.startsWith('data:image/'))"
        )
        assert live_js_links == [], (path, live_js_links)
        injected = page.evaluate(
            "document.querySelectorAll('script:not([src]):not([type=\"application/ld+json\"]), iframe, svg[onload], img[onerror]').length"
        )
        assert injected == 0, path
        checked.append(path)

    # The payload text is shown, as text, where it was stored.
    page.goto(f"/p/{hostile['published'].public_id}/")
    assert "<script>window.__xss=1</script>" in page.inner_text("body")
    page.goto(f"/claims/{hostile['published'].pk}/panel/")
    body = page.inner_text("body")
    assert "Raw JS evidence" in body and "Rationale" in body
    context.close()
    assert len(checked) == len(pages(hostile))


def test_a_javascript_evidence_url_is_refused_by_the_model_validation(hostile):
    from django.core.exceptions import ValidationError

    evidence = Evidence(claim=hostile["plain"], url=JS_URL, title="x", added_by=hostile["editor"])
    with pytest.raises(ValidationError) as caught:
        evidence.full_clean()
    assert "url" in caught.value.message_dict


def test_the_api_refuses_a_javascript_evidence_url(hostile):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(hostile["editor"])
    for url in (JS_URL, "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,x", "vbscript:x"):
        response = api.post(
            f"/api/v1/claims/{hostile['plain'].pk}/evidence/", {"url": url, "title": "t"}, format="json"
        )
        assert response.status_code == 400, (url, response.content)
    assert not Evidence.objects.filter(claim=hostile["plain"]).exists()
    assert Comment.objects.count() == 2
