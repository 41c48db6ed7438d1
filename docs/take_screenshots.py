"""Take the README's screenshots from a running Claimtrack with Debian's Chromium.

    make run            # or: migrate, load_demo, runserver and a worker on any port
    .venv/bin/python docs/take_screenshots.py [--base http://127.0.0.1:8000]

Steps:
1. Log in as the demo editor, submit the seed article (a second run finds it again)
   and wait for its claims.
2. Unless --no-seed, put some review work in through the REST API, as the people
   would: the demo reporter takes a few claims, adds evidence and proposes
   verdicts; the editor approves two of them, returns one and takes two claims
   himself. Skipped when verdicts are already published (re-runs add nothing).
3. In English and in French (browser locale and Accept-Language), at 1366×768:
   the claim queue, the seed article with the Starlink claim open in the review
   panel, and the dashboard: screenshots/{queue,article,dashboard}-{en,fr}.png.
   Plus login.png, submit.png and articles.png (English).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
SEED = SHARED / "samples" / "starlink-fr-2022-10.txt"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1366, "height": 768}
LOCALES = {"en": ("en-GB", "en-GB,en;q=0.9"), "fr": ("fr-FR", "fr-FR,fr;q=0.9")}
STARLINK = "25 000 terminaux"


def new_context(browser, base: str, language: str) -> BrowserContext:
    locale, accept = LOCALES[language]
    context = browser.new_context(
        base_url=base, viewport=VIEWPORT, locale=locale, extra_http_headers={"Accept-Language": accept}
    )
    context.set_default_timeout(20_000)
    return context


def log_in(context: BrowserContext, username: str, password: str) -> Page:
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit]")
    expect(page.locator(".topbar .user")).to_have_text(username)
    return page


class Api:
    """The REST API through a logged-in browser context (session cookie + CSRF header)."""

    def __init__(self, context: BrowserContext) -> None:
        self.request = context.request
        self.csrf = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")

    def get(self, path: str) -> dict:
        response = self.request.get(f"/api/v1/{path}")
        assert response.ok, (path, response.status, response.text()[:300])
        return response.json()

    def post(self, path: str, data: dict) -> dict:
        response = self.request.post(f"/api/v1/{path}", data=data, headers={"X-CSRFToken": self.csrf})
        assert response.ok, (path, response.status, response.text()[:300])
        return response.json()

    def act(self, claim: dict, action: str, **data) -> dict:
        return self.post(f"claims/{claim['id']}/{action}/", {**data, "version": claim["version"]})


def submit_seed_article(page: Page, out: Path) -> str:
    page.goto("/articles/new/")
    page.fill("#id_text", SEED.read_text(encoding="utf-8"))
    page.click("details.metadata summary")
    page.fill("#id_title", "Starlink : Elon Musk reconnaît l’échec de ses efforts de médiation")
    page.fill("#id_outlet", "Le Quotidien de démonstration")
    page.screenshot(path=out / "submit.png")
    page.click("form button.primary")
    page.wait_for_url("**/articles/*/")
    expect(page.locator(".claim-card", has_text=STARLINK)).to_be_visible(timeout=90_000)
    return page.url


def seed_review_work(reporter: Api, editor: Api, starlink_article: int) -> None:
    if editor.get("claims/?status=published")["results"]:
        print("review work already there: not adding more")
        return
    starlink = next(
        c
        for c in reporter.get(f"claims/?article={starlink_article}&page_size=100")["results"]
        if STARLINK in c["text"]
    )
    others = [c for c in reporter.get("claims/?page_size=100")["results"] if c["article"] != starlink_article]
    others.sort(key=lambda c: -c["checkworthiness"])

    # The Starlink claim: the whole flow, published with its history (a French desk, French notes).
    claim = reporter.act(starlink, "assign", assignee="demo-reporter")
    reporter.post(
        f"claims/{claim['id']}/evidence/",
        {
            "url": "https://twitter.com/elonmusk",
            "title": "Elon Musk sur Twitter, octobre 2022",
            "source_name": "Twitter",
            "stance": "supports",
            "excerpt": "SpaceX a livré environ 25 000 terminaux Starlink à l’Ukraine.",
        },
    )
    reporter.post(
        f"claims/{claim['id']}/evidence/",
        {
            "url": "https://thedigital.gov.ua/",
            "title": "Ministère ukrainien de la Transformation numérique",
            "source_name": "Mintsyfra",
            "stance": "context",
            "note": "Une partie des terminaux a été payée par des États et des donateurs, pas offerte par SpaceX.",
        },
    )
    claim = reporter.get(f"claims/{claim['id']}/")
    claim = reporter.act(
        claim,
        "propose",
        rating="mostly-true",
        rationale="SpaceX et le ministère ukrainien donnent tous deux environ 25 000 terminaux.",
    )
    claim = editor.act(
        claim, "return", reason="Précisez qui a payé les terminaux : tous n’ont pas été donnés."
    )
    claim = reporter.act(
        claim,
        "propose",
        rating="mostly-true",
        rationale="SpaceX et le ministère ukrainien donnent tous deux environ 25 000 "
        "terminaux, mais une partie a été financée par des États et des "
        "donateurs : « fait don » exagère un peu.",
    )
    editor.act(claim, "approve")

    # Other claims: some in review, some proposed, two published, one returned.
    plan = [
        ("mostly-false", True),
        ("true", True),
        ("misleading", False),
        ("mixed", None),
        (None, None),
        (None, None),
    ]
    for (rating, approve), claim in zip(plan, others[: len(plan)], strict=False):
        claim = reporter.act(claim, "assign", assignee="demo-reporter")
        if rating:
            rationale = (
                "Les chiffres officiels, vérifiés à la source, nuancent l’affirmation."
                if claim["language"] == "fr"
                else "The official figures, checked at the source, qualify the claim."
            )
            claim = reporter.act(claim, "propose", rating=rating, rationale=rationale)
            if approve:
                editor.act(claim, "approve")
            elif approve is False:
                editor.act(claim, "return", reason="Which official figures? Link them as evidence.")
    for claim in others[len(plan) : len(plan) + 2]:
        editor.act(claim, "assign", assignee="demo")


def shoot(browser, args, out: Path, language: str, article_url: str) -> None:
    context = new_context(browser, args.base, language)
    page = log_in(context, args.user, args.password)

    page.goto("/claims/")
    expect(page.locator("table tbody tr").first).to_be_visible()
    page.screenshot(path=out / f"queue-{language}.png")

    page.goto(article_url)
    page.locator(".claim-card", has_text=STARLINK).locator("a.review-link").click()
    expect(page.locator("#review-panel .review-panel .rp-claim")).to_contain_text(STARLINK)
    page.locator(".claim-card", has_text=STARLINK).scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=out / f"article-{language}.png")

    page.goto("/claims/dashboard/")
    expect(page.locator("h1")).to_be_visible()
    page.screenshot(path=out / f"dashboard-{language}.png")

    if language == "en":
        page.goto("/articles/")
        page.screenshot(path=out / "articles.png")
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="demo", help="an editor (load_demo's)")
    parser.add_argument("--password", default="claimtrack-demo")
    parser.add_argument("--reporter", default="demo-reporter")
    parser.add_argument("--no-seed", action="store_true", help="do not add review work through the API")
    parser.add_argument("--out", default=str(HERE / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium")
    if not executable:
        sys.exit("Needs Debian's Chromium: run `make system-packages`.")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = new_context(browser, args.base, "en")
        page = context.new_page()
        page.goto("/login/")
        page.screenshot(path=out / "login.png")
        page = log_in(context, args.user, args.password)
        article_url = submit_seed_article(page, out)
        if not args.no_seed:
            reporter_context = new_context(browser, args.base, "en")
            log_in(reporter_context, args.reporter, args.password)
            article_id = int(article_url.rstrip("/").rsplit("/", 1)[1])
            seed_review_work(Api(reporter_context), Api(context), article_id)
            reporter_context.close()
        context.close()
        for language in LOCALES:
            shoot(browser, args, out, language, article_url)
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
