"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core checks.

Never downloads a browser: it uses /usr/bin/chromium (apt-get install chromium). Without it
the tests skip locally and fail in CI (CI=true), where .ci/run installs it.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

from tests.conftest import require_service

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def browser(live_server):
    """A fresh Chromium per test, started after the test database is set up.

    Function-scoped on purpose: while Playwright's event loop runs, Django hands out
    context-local connections, so the database must be prepared (serialized rollback,
    seed data) before the loop starts.
    """
    require_service(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread while the browser
    # lives; the ORM calls the tests make are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
        # Connections the test opened inside Playwright's context are its own: close them,
        # or PostgreSQL refuses to drop the test database at the end of the run.
        connections.close_all()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, settings):
    # Links in e-mails are made at send time from SITE_URL (there is no request then): the
    # site's public address is the live server's here.
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Run axe-core on the page; fail with a readable report on any WCAG 2.1 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        return results

    return check
