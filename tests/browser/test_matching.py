"""Matching in a real browser, on the demo data (`manage.py load_demo`).

The demo must show what matching is for: a French claim matched to its English article, an
imported fact-check "checked before". A reporter, in French, confirms the French–English match,
rejects a wrong suggestion and reuses an earlier fact-check's verdict; an editor, in English,
applies a published verdict to the confirmed match in one step. Each step asserts on what the
person sees and on what was stored.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page, expect

from claims.models import Claim, ClaimLink, Evidence, Rating
from claims.services import claim_approve, claim_propose
from tests.browser.test_review_flow import UI, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Demo:
    editor = type("P", (), {"username": "demo", "password": "claimtrack-demo"})
    reporter = type("P", (), {"username": "demo-reporter", "password": "claimtrack-demo"})


def claim(article_title: str, starts: str) -> Claim:
    return Claim.objects.get(article__title__startswith=article_title, text__startswith=starts)


def open_panel(page: Page, target: Claim, ui: dict):
    page.goto(f"/articles/{target.article_id}/")
    card = page.locator(f'.claim-card[data-claim="{target.pk}"]')
    card.get_by_role("link", name=re.compile(ui["review_link"])).click()
    panel = page.locator("#review-panel .review-panel")
    expect(panel.locator(".rp-claim")).to_contain_text(target.text[:40])
    return panel


def test_the_demo_desk_confirms_rejects_reuses_and_applies_matches(open_context, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    budget_fr = claim("Montvert : le budget", "La métropole de Montvert a voté")
    budget_en = claim("Montvert bets", "The Montvert metropolitan council")
    tram_en = claim("Montvert bets", "It is the biggest investment")
    flood_quote = claim("Riverton", "This is the largest investment")
    flood_costs = claim("Riverton", "According to the Environment Agency")
    # The demo shows matching: French ↔ English, and an imported fact-check checked before.
    assert ClaimLink.objects.filter(claim=budget_fr, other=budget_en).exclude(status="rejected").exists()
    assert ClaimLink.objects.filter(claim=flood_costs, fact_check__publisher="Demo Check").exists()
    assert ClaimLink.objects.filter(claim__language="en", fact_check__language="fr").exists()

    ui = {
        **UI["fr"],
        "confirm": "Confirmer",
        "reject": "Pas la même affirmation",
        "reuse": "Reprendre ce verdict",
    }
    page = open_context("fr")
    log_in(page, Demo.reporter, ui)

    # Confirm: the French budget claim is the English article's.
    panel = open_panel(page, budget_fr, ui)
    expect(panel.locator(".rp-elsewhere")).to_contain_text("The Montvert metropolitan council")
    expect(panel.get_by_role("heading", name=re.compile(r"Aussi dans 1 article"))).to_be_visible()
    link = ClaimLink.objects.get(claim=budget_fr, other=budget_en)
    item = panel.locator(f'.rp-elsewhere li[data-link="{link.pk}"]')
    item.get_by_role("button", name=ui["confirm"]).click()
    expect(panel.locator(".rp-notice")).to_have_text("Rapprochement confirmé.")
    expect(panel.locator(f'.rp-elsewhere li[data-link="{link.pk}"] .badge')).to_have_text("confirmé")
    assert set(ClaimLink.objects.filter(pk__in=[link.pk]).values_list("status", flat=True)) == {"confirmed"}
    assert ClaimLink.objects.get(claim=budget_en, other=budget_fr).status == "confirmed"

    # Reject: a quote about trams is not the one about flood defences.
    panel = open_panel(page, tram_en, ui)
    wrong = ClaimLink.objects.get(claim=tram_en, other=flood_quote)
    panel.locator(f'li[data-link="{wrong.pk}"]').get_by_role("button", name=ui["reject"]).click()
    expect(panel.locator(".rp-notice")).to_contain_text("Pas la même affirmation")
    expect(panel.locator(f'li[data-link="{wrong.pk}"]')).to_have_count(0)
    assert ClaimLink.objects.get(pk=wrong.pk).status == "rejected"
    assert ClaimLink.objects.get(claim=flood_quote, other=tram_en).status == "rejected"

    # Reuse: the imported fact-check becomes evidence and fills in the verdict form.
    panel = open_panel(page, flood_costs, ui)
    checked = panel.locator(".rp-checked li", has_text="Demo Check")
    expect(panel.get_by_role("heading", name="Déjà vérifié")).to_be_visible()
    checked.get_by_role("button", name=ui["reuse"]).click()
    expect(panel.locator("#id_propose-rating option:checked")).to_have_text("Mitigé")
    expect(panel.locator("#id_propose-rationale")).to_have_value(
        re.compile("^Déjà vérifié\u00a0: «\u00a0Flooding has cost")
    )
    assert Evidence.objects.filter(
        claim=flood_costs, url="https://factcheck.example/2026/riverton-flood-costs"
    ).exists()
    panel.get_by_role("button", name=ui["propose"]).click()
    expect(panel.locator(".rp-head .badge")).to_have_text(ui["proposed"])
    assert Claim.objects.get(pk=flood_costs.pk).verdict.slug == "mixed"

    # Apply: once the French claim is published, its verdict goes to the confirmed English match.
    users = get_user_model().objects
    claim_propose(
        claim=budget_fr.pk,
        rating=Rating.objects.get(slug="mostly-true"),
        rationale="Budget documents.",
        by=users.get(username="demo-reporter"),
        version=None,
    )
    claim_approve(claim=budget_fr.pk, by=users.get(username="demo"), version=None)
    ui_en = UI["en"]
    editor_page = open_context("en")
    log_in(editor_page, Demo.editor, ui_en)
    panel = open_panel(editor_page, budget_fr, ui_en)
    panel.get_by_role("button", name="Propose “Mostly true” for the confirmed match").click()
    expect(panel.locator(".rp-notice")).to_contain_text("The verdict is proposed for 1 matching claim")
    budget_en.refresh_from_db()
    assert (budget_en.status, budget_en.verdict.slug, budget_en.proposed_by.username) == (
        "verdict_proposed",
        "mostly-true",
        "demo",
    )


FR = "Environ 25 000 terminaux Starlink ont été donnés à l'Ukraine depuis le début de la guerre, selon Elon Musk."
EN = (
    "About 25,000 Starlink terminals have been donated to Ukraine since the start of the war, Elon Musk said."
)


def test_check_a_claim_from_the_top_bar_group_the_queue_and_import_fact_checks(open_context, eddie, tmp_path):
    from claims.services.matching import decide, link_article
    from claims.tests.factories import make_article, make_claim

    french = make_claim(make_article(FR, language="fr", title="Starlink FR"), FR)
    english = make_claim(make_article(EN, language="en", title="Starlink EN"), EN)
    alone = make_claim(
        make_article("Le budget a augmenté de 12 %.", title="Budget"),
        "Le budget a augmenté de 12 %.",
        score=0.6,
    )
    for item in (french, english, alone):
        link_article(item.article_id)
    page = open_context("en")
    log_in(page, eddie, UI["en"])

    # The top bar's box: a French sentence finds the English claim too, each with its match score.
    page.get_by_placeholder("Check a claim…").fill("Elon Musk a donné 25 000 terminaux Starlink à l'Ukraine")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Check a claim")
    results = page.locator(".check-result")
    expect(results.filter(has_text="About 25,000 Starlink terminals")).to_have_count(1)
    expect(results.filter(has_text="Environ 25 000 terminaux")).to_have_count(1)
    expect(results.first.locator(".match-score")).to_contain_text(
        re.compile(r"match score 0\.\d\d · (the same claim|possibly the same claim)")
    )
    # Nothing close: said so, rather than a list of unrelated claims at a score of 0.00.
    page.get_by_placeholder("Check a claim…").fill("Le Conseil constitutionnel a validé la réforme.")
    page.keyboard.press("Enter")
    expect(page.locator(".check-none")).to_contain_text("Nothing close enough")
    expect(page.locator(".check-result")).to_have_count(0)

    # The queue, grouped: a suggested match is not yet "the same claim"; once a person confirms it,
    # the two Starlink claims are under one heading, the unrelated one apart.
    link = ClaimLink.objects.get(claim=french, other=english)
    if link.status == "suggested":
        page.goto("/claims/?group=cluster")
        expect(page.locator(".cluster-head")).to_have_count(0)
        decide(link, confirm=True, by=get_user_model().objects.get(username=eddie.username))
    page.goto("/claims/")
    page.get_by_label("Group matched claims").check()
    expect(page.locator(".cluster-head")).to_have_text("The same claim, 2 times")
    rows = page.locator("tr.in-cluster")
    expect(rows).to_have_count(2)
    assert "group=cluster" in page.url
    page.locator("#id_elsewhere").select_option("true")
    expect(page.locator("tr.claim-row")).to_have_count(2)

    # The import page: a CSV, then a bad file with a clear message.
    csv = tmp_path / "checks.csv"
    csv.write_text(
        "claim,rating,url,publisher,date,language\nSpaceX a offert 25 000 terminaux,Faux,https://f.example/1,Factuel,2022-10-12,fr\n"
    )
    page.goto("/claims/factchecks/import/")
    page.set_input_files("#id_file", str(csv))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".messages")).to_contain_text("1 new fact-checks imported, 0 already there")
    expect(page.locator("table")).to_contain_text("SpaceX a offert 25 000 terminaux")
    bad = tmp_path / "bad.json"
    bad.write_text('{"@type": "NewsArticle"}')
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".form-error")).to_have_text("No ClaimReview with a claimReviewed text was found.")
