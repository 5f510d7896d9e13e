"""Login limits behind the documented nginx: every request arrives from 127.0.0.1 and nginx
appends the visitor's address to X-Forwarded-For ($proxy_add_x_forwarded_for).

What we decided: failed logins count per visitor address (10 a minute, allauth's "10/m/ip")
and per visitor address + e-mail address (5 in five minutes, allauth's per-key limit). A
stranger who fails on someone's e-mail address locks only himself out; the owner logs in from
his own address as usual.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VISITOR_A = "203.0.113.5"
VISITOR_B = "198.51.100.7"


def through_nginx(visitor: str, sent_by_visitor: str | None = None) -> Client:
    """A client as gunicorn sees it behind nginx: REMOTE_ADDR is nginx, the visitor's address
    is the last in X-Forwarded-For (after whatever the visitor sent himself)."""
    forwarded = f"{sent_by_visitor}, {visitor}" if sent_by_visitor else visitor
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)


def log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_failed_logins_of_one_visitor_do_not_lock_out_another(password):
    victim = UserFactory()
    stranger = through_nginx(VISITOR_A)
    for n in range(12):
        log_in(stranger, f"verzonnen{n}@gemeente.example", "fout-wachtwoord")
    assert "Te veel inlogpogingen" in log_in(stranger, victim.email, password).content.decode()

    victim_client = through_nginx(VISITOR_B)
    log_in(victim_client, victim.email, password)
    assert logged_in(victim_client)


def test_a_stranger_failing_on_my_address_does_not_lock_me_out(password):
    victim = UserFactory()
    stranger = through_nginx(VISITOR_A)
    for _ in range(6):
        log_in(stranger, victim.email, "fout-wachtwoord")

    victim_client = through_nginx(VISITOR_B)
    log_in(victim_client, victim.email, password)
    assert logged_in(victim_client)


def test_the_stranger_himself_stays_locked_out_even_with_the_right_password(password):
    victim = UserFactory()
    stranger = through_nginx(VISITOR_A)
    for _ in range(5):
        log_in(stranger, victim.email, "fout-wachtwoord")
    response = log_in(stranger, victim.email, password)
    assert "Te veel inlogpogingen. Wacht vijf minuten" in response.content.decode()
    assert not logged_in(stranger)


def test_a_forged_x_forwarded_for_does_not_dodge_the_limit(password):
    """Only the address nginx added counts; what the visitor wrote before it is ignored."""
    victim = UserFactory()
    for n in range(5):
        log_in(through_nginx(VISITOR_A, f"10.0.0.{n}"), victim.email, "fout-wachtwoord")
    forged = through_nginx(VISITOR_A, "10.0.0.99")
    log_in(forged, victim.email, password)
    assert not logged_in(forged)


def test_production_trusts_one_proxy_by_default():
    from tests.core.test_settings import STRONG_KEY, run_python

    result = run_python(
        "from allauth import app_settings; print(app_settings.TRUSTED_PROXY_COUNT)",
        DJANGO_SETTINGS_MODULE="learning.settings.production",
        SECRET_KEY=STRONG_KEY,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1"


def admin_log_in(client, email, password):
    return client.post(reverse("wagtailadmin_login"), {"username": email, "password": password})


def test_admin_login_still_works(password):
    editor = UserFactory(is_staff=True, is_superuser=True)
    client = through_nginx(VISITOR_A)
    response = admin_log_in(client, editor.email, password)
    assert response.status_code == 302
    assert logged_in(client)


def test_admin_login_is_limited_like_the_site_login(password):
    editor = UserFactory(is_staff=True, is_superuser=True)
    attacker = through_nginx(VISITOR_A)
    for _ in range(40):
        admin_log_in(attacker, editor.email, "geraden-wachtwoord")
    response = admin_log_in(attacker, editor.email, password)
    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()
    assert not logged_in(attacker)
    # The editor, from his own address, is not locked out by the attacker.
    admin_log_in(own := through_nginx(VISITOR_B), editor.email, password)
    assert logged_in(own)


def test_admin_login_failures_count_towards_the_site_login(password):
    editor = UserFactory(is_staff=True, is_superuser=True)
    attacker = through_nginx(VISITOR_A)
    for _ in range(5):
        admin_log_in(attacker, editor.email, "geraden-wachtwoord")
    log_in(attacker, editor.email, password)
    assert not logged_in(attacker)


def test_admin_password_reset_is_off_in_favour_of_the_limited_one(client):
    """Wagtail's own reset form sends e-mail without any limit; allauth's is limited."""
    response = client.post("/admin/password_reset/", {"email": "redactie@example.org"})
    assert response.status_code == 404


def test_allauths_own_refusals_are_the_dutch_429_page_too():
    """allauth limits sign-ups to 20 a minute per address and answers with templates/429.html."""
    visitor = through_nginx(VISITOR_A)
    statuses = [
        visitor.post(reverse("account_signup"), {"email": f"x{n}@example.org"}).status_code
        for n in range(21)
    ]
    assert statuses[-1] == 429
    refused = visitor.post(reverse("account_signup"), {"email": "y@example.org"})
    assert refused.status_code == 429
    assert "Te veel pogingen" in refused.content.decode()
    # Another visitor behind the same nginx signs up as usual.
    assert through_nginx(VISITOR_B).post(reverse("account_signup"), {}).status_code == 200
