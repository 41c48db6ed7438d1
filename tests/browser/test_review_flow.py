"""The whole review desk in a real browser, in English and in French.

A reporter logs in, submits the seed article, waits for a real worker to extract
its claims, and takes the Starlink terminals claim through evidence and a
proposed verdict; an editor, in a second browser context, returns it once with a
reason, then approves it. Every step asserts on what the person sees, in the
language of their browser.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from conftest import SEED_ARTICLE

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CLAIM = "25 000 terminaux"  # the Starlink terminals claim of the seed article

# What each person sees, per language (French typography: no-break spaces before ':').
UI = {
    "en": {
        "log_in": "Log in",
        "submit_nav": "Submit",
        "extract": "Extract claims",
        "review": "Review",
        "review_link": "Review",
        "assign_me": "Assign to me",
        "add_evidence": "Add evidence",
        "propose": "Propose verdict",
        "rating": "Mostly true",
        "return": "Return to proposer",
        "approve": "Approve and publish",
        "in_review": "In review",
        "proposed": "Verdict proposed",
        "published": "Published",
        "returned": "Your verdict was returned",
        "evidence": "Evidence",
        "supports": "Supports",
        "you": "you",
        "timeline": "Timeline",
        "assigned": "assigned the claim",
        "proposed_event": "proposed a verdict",
        "returned_event": "returned the verdict",
        "approved_event": "approved and published the verdict",
        "done_propose": "Verdict proposed: an editor will review it.",
        "done_approve": "Verdict approved and published.",
    },
    "fr": {
        "log_in": "Se connecter",
        "submit_nav": "Soumettre",
        "extract": "Extraire les affirmations",
        "review": "Vérification",
        "review_link": "Vérifier",
        "assign_me": "M’attribuer",
        "add_evidence": "Ajouter une preuve",
        "propose": "Proposer le verdict",
        "rating": "Plutôt vrai",
        "return": "Renvoyer à l’auteur",
        "approve": "Approuver et publier",
        "in_review": "En vérification",
        "proposed": "Verdict proposé",
        "published": "Publiée",
        "returned": "Votre verdict a été renvoyé",
        "evidence": "Preuves",
        "supports": "Confirme",
        "you": "vous",
        "timeline": "Historique",
        "assigned": "a attribué l’affirmation",
        "proposed_event": "a proposé un verdict",
        "returned_event": "a renvoyé le verdict",
        "approved_event": "a approuvé et publié le verdict",
        "done_propose": "Verdict proposé\u00a0: un éditeur va le relire.",
        "done_approve": "Verdict approuvé et publié.",
    },
}


def log_in(page: Page, person, ui: dict) -> None:
    page.goto("/login/")
    expect(page.locator("h1")).to_have_text(ui["log_in"])
    page.fill("#id_username", person.username)
    page.fill("#id_password", person.password)
    page.get_by_role("button", name=ui["log_in"]).click()
    expect(page.locator(".topbar .user")).to_have_text(person.username)


def open_claim(page: Page, ui: dict):
    """Open the Starlink claim in the review panel of the article page; return the panel."""
    card = page.locator(".claim-card", has_text=CLAIM)
    card.get_by_role("link", name=re.compile(ui["review_link"])).click()
    panel = page.locator("#review-panel .review-panel")
    expect(panel.locator(".rp-claim")).to_contain_text(CLAIM)
    return panel


def status_badge(panel):
    return panel.locator(".rp-head .badge")


def propose(panel, ui: dict, rationale: str) -> None:
    panel.locator("#id_propose-rating").select_option(label=ui["rating"])
    panel.locator("#id_propose-rationale").fill(rationale)
    panel.get_by_role("button", name=ui["propose"]).click()
    expect(status_badge(panel)).to_have_text(ui["proposed"])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_claim_goes_from_submission_to_publication(open_context, worker, rita, eddie, language):
    ui = UI[language]
    started = time.monotonic()

    # The reporter submits the seed article through the Submit page.
    reporter = open_context(language)
    log_in(reporter, rita, ui)
    expect(reporter.locator("html")).to_have_attribute("lang", language)
    reporter.get_by_role("navigation").get_by_role("link", name=ui["submit_nav"], exact=True).click()
    reporter.fill("#id_text", SEED_ARTICLE.read_text(encoding="utf-8"))
    reporter.get_by_role("button", name=ui["extract"]).click()
    article_url = reporter.url
    assert re.search(r"/articles/\d+/$", article_url), article_url

    # The status badge polls; the page reloads itself once the worker has stored the claims.
    try:
        expect(reporter.locator(".claim-card", has_text=CLAIM)).to_be_visible(timeout=60_000)
    except AssertionError:
        print(worker.log_path.read_text()[-3000:])
        raise
    print(f"\n{language}: claims shown after {time.monotonic() - started:.1f} s")

    # She takes the claim, adds evidence and proposes a verdict.
    panel = open_claim(reporter, ui)
    expect(panel.locator("h2")).to_contain_text(ui["review"])
    panel.get_by_role("button", name=ui["assign_me"]).click()
    expect(status_badge(panel)).to_have_text(ui["in_review"])
    expect(panel.locator(".rp-facts .tag", has_text=ui["you"])).to_be_visible()

    panel.locator("summary", has_text=ui["add_evidence"]).click()
    panel.locator("#id_evidence-url").fill("https://www.spacex.com/updates/starlink-ukraine")
    panel.locator("#id_evidence-title").fill("Starlink: terminals delivered to Ukraine")
    panel.locator("#id_evidence-stance").select_option("supports")
    panel.locator("details.rp-add form").get_by_role("button", name=ui["add_evidence"]).click()
    evidence = panel.locator(".rp-evidence li", has_text="Starlink: terminals delivered to Ukraine")
    expect(evidence).to_contain_text(ui["supports"])
    expect(panel.locator("#evidence-title")).to_contain_text(ui["evidence"])

    propose(panel, ui, "SpaceX and the Ukrainian government both give about 25,000 terminals.")
    expect(panel.locator(".rp-notice")).to_have_text(ui["done_propose"])
    expect(panel.locator(".rp-verdict")).to_contain_text(ui["rating"])

    # The editor returns it once, with a reason.
    reason = "Cite the Ukrainian ministry's own figure, not only SpaceX."
    editor = open_context(language)
    log_in(editor, eddie, ui)
    editor.goto(article_url)
    editor_panel = open_claim(editor, ui)
    expect(status_badge(editor_panel)).to_have_text(ui["proposed"])
    editor_panel.locator("#id_return-reason").fill(reason)
    editor_panel.get_by_role("button", name=ui["return"]).click()
    expect(status_badge(editor_panel)).to_have_text(ui["in_review"])
    expect(editor_panel.locator(".rp-return-reason")).to_have_text(reason)

    # The reporter sees why, and proposes again.
    reporter.reload()
    panel = open_claim(reporter, ui)
    returned = panel.locator(".rp-returned")
    expect(returned.locator("h3")).to_have_text(ui["returned"])
    expect(returned).to_contain_text("eddie")
    expect(returned.locator("blockquote")).to_have_text(reason)
    propose(panel, ui, "The Ukrainian ministry of digital transformation confirms about 25,000 terminals.")

    # The editor approves; the claim is published, with its history.
    editor.reload()
    editor_panel = open_claim(editor, ui)
    editor_panel.get_by_role("button", name=ui["approve"]).click()
    expect(status_badge(editor_panel)).to_have_text(ui["published"])
    expect(editor_panel.locator(".rp-notice")).to_have_text(ui["done_approve"])
    card = editor.locator(".claim-card", has_text=CLAIM)
    expect(card.locator('[data-field="status"]')).to_have_text(ui["published"])
    expect(card.locator('[data-field="verdict-label"]')).to_have_text(ui["rating"])

    timeline = editor_panel.locator(".rp-timeline")
    expect(timeline.locator("h3")).to_have_text(ui["timeline"])
    lines = timeline.locator(".timeline-line")
    for who, event in [
        ("rita", "assigned"),
        ("rita", "proposed_event"),
        ("eddie", "returned_event"),
        ("eddie", "approved_event"),
    ]:
        expect(lines.filter(has_text=who).filter(has_text=ui[event]).first).to_be_visible()
    expect(lines.filter(has_text=ui["proposed_event"])).to_have_count(2)

    # The reporter's page shows it published too.
    reporter.reload()
    card = reporter.locator(".claim-card", has_text=CLAIM)
    expect(card.locator('[data-field="status"]')).to_have_text(ui["published"])
    elapsed = time.monotonic() - started
    print(f"\n{language}: review flow in {elapsed:.1f} s")
    assert elapsed < 90, f"the flow took {elapsed:.0f} s"
