"""The queue from the keyboard, as the README promises: `a` assigns and says so, Enter opens the
selected claim, `v` opens it with the verdict form focused. In English and in French."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from claims.tests.factories import make_article, make_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Le ministre a dit que le chômage a baissé de 12 %. Les prix ont augmenté de 3 % en un an."
UI = {
    "en": {"log_in": "Log in", "assigned": "Assignment saved."},
    "fr": {"log_in": "Se connecter", "assigned": "Attribution enregistrée."},
}


def log_in(page, person, ui):
    page.goto("/login/")
    page.fill("#id_username", person.username)
    page.fill("#id_password", person.password)
    page.get_by_role("button", name=ui["log_in"]).click()
    expect(page.locator(".topbar .user")).to_have_text(person.username)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_enter_and_v_work_in_the_queue(open_context, rita, language):
    ui = UI[language]
    article = make_article(TEXT)
    first = make_claim(article, "le chômage a baissé de 12 %", score=0.9)
    second = make_claim(article, "Les prix ont augmenté de 3 %", score=0.8)
    page = open_context(language)
    log_in(page, rita, ui)

    page.goto("/claims/?sort=score")
    row = page.locator(f'.claim-row[data-claim="{first.pk}"]')
    row.focus()
    page.keyboard.press("a")
    toast = page.locator("#review-announcer")
    expect(toast).to_be_visible()
    expect(toast).to_have_text(ui["assigned"])
    expect(row.locator('[data-field="assignee"]')).to_have_text("rita")

    page.locator(f'.claim-row[data-claim="{second.pk}"]').focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/articles/{article.pk}/#claim-{second.pk}$"))
    expect(page.locator(f'[data-review-panel][data-claim="{second.pk}"]')).to_be_visible()

    page.goto("/claims/?sort=score")
    page.locator(f'.claim-row[data-claim="{second.pk}"]').focus()
    page.keyboard.press("v")
    expect(page).to_have_url(re.compile(rf"/articles/{article.pk}/#verdict-{second.pk}$"))
    expect(page.locator("#propose-form select")).to_be_focused()
