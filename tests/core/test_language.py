import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dutch_by_default_even_for_english_browsers(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    content = response.content.decode()
    assert "Wachtwoord" in content
    assert "Direct naar de inhoud" in content


def test_english_when_chosen(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("account_login"))
    assert response["Content-Language"] == "en"
    content = response.content.decode()
    assert "Skip to content" in content
    assert "Enter your email address" not in content  # no errors on a fresh form
    assert "Sign in" in content


def test_english_catalog_is_complete_and_compiled():
    """Every Dutch source string has an English translation in the compiled catalog."""
    import ast
    import gettext
    import re
    from pathlib import Path

    locale_dir = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
    po = (locale_dir / "django.po").read_text(encoding="utf-8")
    catalog = gettext.GNUTranslations((locale_dir / "django.mo").open("rb"))
    entries = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', po, flags=re.M)
    assert len(entries) > 250
    missing = []
    for raw_id, _raw_str in entries[1:]:  # the first entry is the header
        msgid = "".join(ast.literal_eval(part) for part in raw_id.split("\n") if part)
        if not catalog._catalog.get(msgid):
            missing.append(msgid)
    assert missing == [], missing
