import re

import pytest

pytestmark = pytest.mark.django_db


def csp_sources(policy: str) -> set[str]:
    sources = set()
    for directive in policy.split(";"):
        sources.update(directive.split()[1:])
    return sources


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/admin/login/"])
def test_csp_allows_no_third_party_origin(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    allowed = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}
    assert csp_sources(policy) <= allowed, policy
    assert not re.search(r"https?:", policy)


def test_public_site_allows_no_inline_script(client):
    policy = client.get("/")["Content-Security-Policy"]
    script = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "unsafe" not in script


def test_admin_allows_no_eval(client):
    # Nothing in Wagtail's admin needs it (tests/e2e/test_admin_csp.py checks it in a browser).
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-eval'" not in policy


def test_common_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Request-ID"]


def test_hsts_when_configured_for_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
