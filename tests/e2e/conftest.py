"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core checks.

Never downloads a browser: it uses Debian's headless Chromium, /usr/bin/chromium-headless-shell
(apt-get install chromium-headless-shell), or CHROMIUM_PATH. Without it the tests skip locally
and fail in CI (CI=true), where .ci/run installs it.

Why the headless shell and not the full browser (/usr/bin/chromium, still usable through
CHROMIUM_PATH): the same Blink and V8 without the browser's window layer. Measured over
tests/e2e/test_indicators.py, test_circles.py and test_smoke.py (7 tests, one process, idle
machine): Chromium used 36.5 CPU-s as the full browser and 17.9 CPU-s as the headless shell;
the tests took 37.9 s and 29.0 s.
"""

import asyncio
import os
from pathlib import Path

import pytest
from django.db import connections

from tests.conftest import require_service

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class SharedChromium:
    """One Playwright driver and one Chromium for all the browser tests of a test process.

    Starting both cost ~1.5 s of CPU per test (the driver ~0.4 s, Chromium ~1.1 s); every test
    still gets a browser context of its own (cookies, storage, cache), as before.

    Playwright's sync API runs its event loop in a greenlet of this thread and marks the loop
    as running in this thread between its calls. While it counts as running, Django hands out
    database connections per context instead of per thread (asgiref's Local), without what the
    test database set up on the thread's own connection (serialized rollback, the seed copy).
    So the loop counts as running only during a browser test: ``resume`` marks it, after the
    test's database is ready, and ``pause`` clears it again before the test's database is
    flushed; the loop itself only runs inside Playwright's calls, so nothing runs in between.
    """

    def __init__(self):
        self.manager = None
        self.browser = None
        self.loop = None

    def resume(self):
        if self.browser is not None and self.browser.is_connected():
            asyncio._set_running_loop(self.loop)  # as Playwright's own calls leave it
            return self.browser
        self.stop()
        from playwright.sync_api import sync_playwright

        self.manager = sync_playwright()
        playwright = self.manager.__enter__()
        self.loop = asyncio._get_running_loop()
        self.browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        return self.browser

    def pause(self):
        asyncio._set_running_loop(None)

    def stop(self):
        if self.manager is None:
            return
        asyncio._set_running_loop(self.loop)
        try:
            if self.browser is not None and self.browser.is_connected():
                self.browser.close()
        finally:
            self.manager.__exit__(None, None, None)
            self.manager = self.browser = self.loop = None
            asyncio._set_running_loop(None)


@pytest.fixture(scope="session")
def shared_chromium():
    chromium = SharedChromium()
    yield chromium
    chromium.stop()


@pytest.fixture
def browser(live_server, shared_chromium):
    """The process's Chromium (SharedChromium), after the test database is set up.

    While Playwright's event loop counts as running, Django hands out context-local
    connections, so the database must be prepared (serialized rollback, seed data) before."""
    require_service(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}")
    # Playwright's sync API keeps an event loop marked as running in this thread while the
    # test runs; the ORM calls the tests make are still synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield shared_chromium.resume()
    finally:
        # Connections the test opened inside Playwright's context are its own: close them,
        # or PostgreSQL refuses to drop the test database at the end of the run.
        connections.close_all()
        shared_chromium.pause()
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


# Only the violations are worked out in full (axe's resultTypes): the passes, the incomplete
# and the inapplicable rules are what made each run cost ~0.4 s of Chromium's CPU.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_AA_TAGS},
    "resultTypes": ["violations"],
}


@pytest.fixture
def axe_check():
    """Run axe-core on the page; fail with a readable report on any WCAG 2.1 A/AA violation.

    axe-core (from axe-playwright-python) goes into a document once, not at every check of it."""
    from axe_playwright_python.base import AXE_SCRIPT, AxeResults

    def check(page):
        if not page.evaluate("typeof window.axe === 'object' && typeof axe.run === 'function'"):
            page.evaluate(AXE_SCRIPT)
        results = AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        return results

    return check
