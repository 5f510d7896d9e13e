import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dutch_by_default_even_for_english_browsers(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert "Wachtwoord" in response.content.decode()


def test_english_when_chosen(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get(reverse("account_login"))
    assert response["Content-Language"] == "en"
    assert "Password" in response.content.decode()
