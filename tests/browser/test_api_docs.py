"""The API docs pages in Chromium: no console error, no CSP violation, a way back to the app (issue 13).

Swagger UI's packaged page had an inline <style> that our CSP blocks ("Applying
inline style violates … style-src 'self'"), Redoc's loaded Google Fonts, and
neither linked back to Claimtrack.
"""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_docs(chromium, live_server, path: str, ready: str):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    response = page.goto(path)
    assert response is not None and response.status == 200
    page.wait_for_selector(ready)  # the schema is loaded and rendered
    page.wait_for_load_state("networkidle")
    return context, page, errors


def test_swagger_ui_renders_without_a_console_error_and_links_back_to_the_app(chromium, live_server):
    context, page, errors = open_docs(chromium, live_server, "/api/docs/", ".swagger-ui .opblock")
    try:
        assert errors == []
        assert "Claimtrack API" in page.inner_text(".swagger-ui .info")
        page.click("a.api-docs-home")
        page.wait_for_url("**/login/**")  # the app (its first page asks an anonymous visitor to log in)
    finally:
        context.close()


def test_redoc_renders_without_third_party_fonts_and_links_back(chromium, live_server):
    context, page, errors = open_docs(chromium, live_server, "/api/redoc/", "h1")
    try:
        # Redoc's bundle always asks for its own logo from cdn.redoc.ly; the CSP blocks that one image.
        assert [e for e in errors if "cdn.redoc.ly" not in e] == []
        assert page.locator("link[href*='fonts.googleapis']").count() == 0
        assert page.get_attribute("a.api-docs-home", "href") == "/articles/"
    finally:
        context.close()
