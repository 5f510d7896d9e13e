"""The browser tests of a process share one Chromium (tests/e2e/conftest.py: SharedChromium):
its event loop counts as running only while a browser test runs, so the tests after one get
the thread's own database connection again, and each browser test gets a fresh context."""

import asyncio

import pytest
from django.db import connection

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_loop_counts_as_running_only_while_a_browser_test_runs(live_server, shared_chromium):
    browser = shared_chromium.resume()
    try:
        context = browser.new_context(base_url=live_server.url)
        page = context.new_page()
        page.goto("/")
        assert page.get_by_role("banner").is_visible()
        page.context.add_cookies([{"name": "proef", "value": "1", "url": live_server.url}])
        assert asyncio._get_running_loop() is shared_chromium.loop
        context.close()
    finally:
        shared_chromium.pause()
    # Between browser tests: no loop, so Django gives this thread its own connection, the one
    # the test database was set up on (with what the serialized rollback needs).
    assert asyncio._get_running_loop() is None
    assert hasattr(connection, "_test_serialized_contents")

    again = shared_chromium.resume()
    try:
        assert again is browser
        assert again.is_connected()
        fresh = again.new_context(base_url=live_server.url)
        assert fresh.cookies() == []  # nothing of the context before
        fresh.close()
    finally:
        shared_chromium.pause()
    assert asyncio._get_running_loop() is None


def test_the_axe_check_finds_violations_in_a_document_it_checked_before(page, axe_check):
    """axe-core goes into a document once and reports only the violations (resultTypes): a
    second check of the same document still runs every WCAG 2.1 A/AA rule and finds what is
    wrong, with a readable report."""
    page.set_content(
        '<html lang="nl"><head><title>Proef</title></head>'
        "<body><main><h1>Proef</h1><p>In orde.</p></main></body></html>"
    )
    axe_check(page)  # a clean document
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
            document.querySelector("main").append(image);
            const text = document.createElement("p");
            text.textContent = "Lichtgrijs op wit";
            text.style.color = "#eeeeee";
            document.querySelector("main").append(text);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        axe_check(page)
    report = str(failure.value)
    assert "image-alt" in report or "alternative text" in report.lower(), report
    assert "contrast" in report.lower(), report
