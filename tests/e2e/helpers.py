"""Steps that several browser tests share."""

import re


def log_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r".*/accounts/profiel/$"))


def log_out(page):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
