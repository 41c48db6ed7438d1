"""The desk corrects the machine in a real browser, in English and in French: select text and
add a claim, re-cut a span by a word, fix a speaker and a quantity, split and merge, "not a
claim", a second browser's stale edit refused (409), and the public page's corrected speaker."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from articles.models import Article
from claims import services
from claims.models import Claim, Quantity, Rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": (
        "The institute counted about 25,000 terminals on Friday. "
        "Prices doubled in one year, the minister said. "
        "Nobody expected it. The council will vote on Monday, and the budget rises by 12%."
    ),
    "fr": (
        "L'institut a recensé environ 25 000 terminaux vendredi. "
        "Les prix ont doublé en un an, a dit la ministre. "
        "Personne ne s'y attendait. Le conseil votera lundi, et le budget augmente de 12 %."
    ),
}
UI = {
    "en": {
        "log_in": "Log in",
        "correct": "Correct the claim",
        "save": "Save the correction",
        "end_back": "◂ end",
        "add": "Add claim",
        "added": "Claim added.",
        "saved": "Correction saved.",
        "split": "Split in two",
        "merge_next": "Merge with the next claim",
        "not_a_claim": "Not a claim",
        "conflict": "Your change was not saved",
        "split_done": "Claim split in two.",
        "merged": "Claims merged.",
        "dismissed": "Dismissed: not a claim.",
        "quote": "Quote",
    },
    "fr": {
        "log_in": "Se connecter",
        "correct": "Corriger l’affirmation",
        "save": "Enregistrer la correction",
        "end_back": "◂ fin",
        "add": "Ajouter l’affirmation",
        "added": "Affirmation ajoutée.",
        "saved": "Correction enregistrée.",
        "split": "Couper en deux",
        "merge_next": "Fusionner avec la suivante",
        "not_a_claim": "Pas une affirmation",
        "conflict": "Votre modification n’a pas été enregistrée",
        "split_done": "Affirmation coupée en deux.",
        "merged": "Affirmations fusionnées.",
        "dismissed": "Écartée : pas une affirmation.",
        "quote": "Citation",
    },
}


@pytest.fixture(params=["en", "fr"])
def language(request):
    return request.param


@pytest.fixture
def article(language):
    text = TEXT[language]
    article = Article.objects.create(
        text=text, content_hash=language * 32, status="extracted", language=language, title="Corrections"
    )
    sentences = re.findall(r"[^.]+\.", text)
    position = 0
    for sentence in sentences:
        start = text.index(sentence.strip(), position)
        end = start + len(sentence.strip())
        position = end
        if sentence.strip().startswith(("Nobody", "Personne")):
            continue  # the extractor "missed" it
        Claim.objects.create(
            article=article,
            text=text[start:end],
            start=start,
            end=end,
            claim_type="quantity",
            types=["quantity"],
            language=language,
            checkworthy=True,
            speaker="the institute friday" if start == 0 else "",
        )
    first = Claim.objects.get(article=article, start=0)
    raw = "about 25,000" if language == "en" else "environ 25 000"
    at = text.index(raw)
    Quantity.objects.create(
        claim=first, raw=raw, value=25000, unit="terminal", approximate=True, start=at, end=at + len(raw)
    )
    return article


def log_in(page: Page, person, ui: dict) -> None:
    page.goto("/login/")
    page.fill("#id_username", person.username)
    page.fill("#id_password", person.password)
    page.get_by_role("button", name=ui["log_in"]).click()
    expect(page.locator(".topbar .user")).to_have_text(person.username)


def open_panel(page: Page, claim: Claim):
    page.locator(f'.claim-card[data-claim="{claim.pk}"]').click()
    panel = page.locator(f'#review-panel .review-panel[data-claim="{claim.pk}"]')
    expect(panel).to_be_visible()
    return panel


def select_text(page: Page, fragment: str) -> None:
    """Select `fragment` in the article text as a mouse would, then release the mouse."""
    page.evaluate(
        """(fragment) => {
            const root = document.querySelector('.article-text .text');
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const nodes = []; let node; let all = '';
            while ((node = walker.nextNode())) { nodes.push([node, all.length]); all += node.data; }
            const start = all.indexOf(fragment), end = start + fragment.length;
            const at = (offset) => { for (const [n, base] of nodes) if (offset <= base + n.data.length) return [n, offset - base]; };
            const range = document.createRange();
            range.setStart(...at(start)); range.setEnd(...at(end));
            const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
            root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        fragment,
    )


def test_add_recut_fix_speaker_and_quantity_then_the_public_page(
    open_context, live_server, rita, eddie, language, article
):
    ui = UI[language]
    page = open_context(language)
    log_in(page, rita, ui)
    page.goto(f"/articles/{article.pk}/")

    # Select text → "Add claim".
    missed = "Nobody expected it." if language == "en" else "Personne ne s'y attendait."
    select_text(page, missed)
    form = page.locator("#add-claim")
    expect(form.locator("[data-span-preview]")).to_have_text(missed)
    form.locator("select[name=type]").select_option("event")
    form.get_by_role("button", name=ui["add"]).click()
    expect(page.locator(".messages")).to_contain_text(ui["added"])
    added = Claim.objects.get(article=article, text=missed)
    assert (added.origin, added.claim_type) == ("desk", "event")
    expect(page.locator(f'.claim-card[data-claim="{added.pk}"]')).to_contain_text(missed)

    # Re-cut by a word (from the keyboard), fix the speaker and a quantity's unit.
    first = Claim.objects.get(article=article, start=0)
    panel = open_panel(page, first)
    page.keyboard.press("e")
    expect(panel.locator("[data-span-start]")).to_be_focused()
    panel.get_by_role("button", name=ui["end_back"]).click()
    expected_text = first.text.rsplit(" ", 1)[0]
    expect(panel.locator("[data-span-preview]")).to_have_text(expected_text)
    panel.locator("input[name=speaker]").fill("Statistics Institute")
    panel.locator("input[name='q-0-unit']").fill("satellite terminals")
    panel.get_by_role("button", name=ui["save"]).click()
    expect(page.locator(".messages")).to_contain_text(ui["saved"])
    card = page.locator(f'.claim-card[data-claim="{first.pk}"]')
    expect(card.locator(".speaker")).to_contain_text("Statistics Institute")
    expect(card.locator(".claim-text")).to_have_text(expected_text)
    expect(card.locator(".quantities")).to_contain_text("satellite terminals")
    first.refresh_from_db()
    assert first.machine_original["speaker"] == "the institute friday" and first.version == 2

    # Published with its public page, the corrected speaker is what the world sees.
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    services.claim_propose(
        claim=first,
        rating=Rating.objects.get(slug="true"),
        rationale="Checked.",
        by=users.get(username="rita"),
        version=first.version,
    )
    first.refresh_from_db()
    services.claim_approve(claim=first, by=users.get(username="eddie"), version=first.version)
    Claim.objects.filter(pk=first.pk).update(is_public=True)
    page.goto(f"/p/{first.public_id}/")
    expect(page.locator(".speaker")).to_contain_text("Statistics Institute")
    markup = json.loads(page.locator("script[type='application/ld+json']").first.text_content())
    assert "Statistics Institute" in json.dumps(markup) and "friday" not in json.dumps(markup)


def test_split_merge_and_not_a_claim(open_context, live_server, rita, language, article):
    ui = UI[language]
    page = open_context(language)
    log_in(page, rita, ui)
    page.goto(f"/articles/{article.pk}/")
    last = Claim.objects.filter(article=article).order_by("-start").first()
    panel = open_panel(page, last)
    panel.locator("[data-correct] > summary").click()
    second_half = "and the budget" if language == "en" else "et le budget"
    option = panel.locator("select[name=at] option", has_text=second_half.split()[0] + " ").first
    at = option.get_attribute("value")
    panel.locator("select[name=at]").select_option(at)
    panel.get_by_role("button", name=ui["split"]).click()
    expect(page.locator(".messages")).to_contain_text(ui["split_done"])
    assert Claim.objects.filter(article=article).count() == 4
    new = Claim.objects.get(article=article, start=int(at))
    assert new.origin == "desk" and new.text.startswith(second_half)

    last.refresh_from_db()
    panel = open_panel(page, last)
    panel.locator("[data-correct] > summary").click()
    panel.get_by_role("button", name=ui["merge_next"]).click()
    expect(page.locator(".messages")).to_contain_text(ui["merged"])
    assert Claim.objects.filter(article=article).count() == 3
    last.refresh_from_db()
    assert last.text.endswith("12%." if language == "en" else "12 %.")

    middle = Claim.objects.filter(article=article).order_by("start")[1]
    panel = open_panel(page, middle)
    panel.get_by_role("button", name=ui["not_a_claim"]).click()
    expect(page.locator(".messages")).to_contain_text(ui["dismissed"])
    middle.refresh_from_db()
    assert (middle.status, middle.dismiss_reason) == ("dismissed", "not_a_claim")


def test_a_second_browsers_stale_edit_gets_409(open_context, live_server, rita, eddie, language, article):
    ui = UI[language]
    first = Claim.objects.get(article=article, start=0)
    pages = []
    for person in (rita, eddie):
        page = open_context(language)
        log_in(page, person, ui)
        page.goto(f"/articles/{article.pk}/")
        panel = open_panel(page, first)
        panel.locator("[data-correct] > summary").click()
        pages.append((page, panel))
    (page_a, panel_a), (page_b, panel_b) = pages
    panel_a.locator("input[name=speaker]").fill("Speaker A")
    panel_a.get_by_role("button", name=ui["save"]).click()
    expect(page_a.locator(".messages")).to_contain_text(ui["saved"])
    panel_b.locator("input[name=speaker]").fill("Speaker B")
    with page_b.expect_response(lambda r: r.url.endswith(f"/claims/{first.pk}/correct/")) as answer:
        panel_b.get_by_role("button", name=ui["save"]).click()
    assert answer.value.status == 409
    expect(page_b.locator(".rp-conflict")).to_contain_text(ui["conflict"])
    first.refresh_from_db()
    assert first.speaker == "Speaker A"
