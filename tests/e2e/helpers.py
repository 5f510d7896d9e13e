"""Steps that several browser tests share."""

import re


def log_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/accounts/profiel/$"))


def sign_in(page, user):
    """Logged in as ``user`` without the login form: a session as Django's test client makes
    one (``force_login``), its cookie in the browser; the next page the test opens is seen
    logged in. For the tests whose subject comes after logging in: the form's two page loads
    cost ~0.3 s each time. The form itself is tested in test_smoke.py, through ``log_in``."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    # SITE_URL is the live server's address here (the ``page`` fixture).
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": settings.SITE_URL, "httpOnly": True}]
    )


def log_out(page):
    open_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()


def open_menu(page):
    """On a small screen the account links and the main menu fold behind "Menu": open it."""
    button = page.get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()


def follow_header_link(page, name: str):
    """Click a link of the header (account links, main menu), opening the menu where folded."""
    open_menu(page)
    page.get_by_role("link", name=name).first.click()


def check_widths(page, axe_check, widths):
    """At each of ``widths``: no horizontal scrolling, and axe finds nothing; the window gets
    its width back afterwards. The flow of a test runs at one width; its pages are checked at
    the others too, as they are."""
    before = page.viewport_size
    for width in widths:
        page.set_viewport_size({"width": width, "height": before["height"]})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} at {width}px: {overflow}px wider than the window"
        axe_check(page)
    page.set_viewport_size(before)
