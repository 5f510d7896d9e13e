"""Responses to logged-in visitors stay private, and no secret from a URL reaches the log."""

import io
import logging

import pytest
from django.test import Client
from django.urls import reverse

from learning.accounts.services import calendar_token_get_or_create

pytestmark = pytest.mark.django_db


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.fixture
def pages(make_event):
    event = make_event()
    return [
        "/",
        event.url,
        "/agenda/",
        reverse("accounts:profile"),
        reverse("events:my_registrations"),
        "/mijn-leerkringen/",
        "/zoeken/?q=circulair",
        "/admin/",
    ]


def test_every_logged_in_page_is_private_and_not_stored(pages, make_user):
    editor = make_user(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = cache_control(response)
        assert "private" in directives, (url, directives)
        assert "no-store" in directives, (url, directives)
        assert "public" not in directives, url


def test_pages_for_anonymous_visitors_are_not_marked_private(pages):
    response = Client().get("/")
    assert "private" not in cache_control(response)


def test_a_public_feed_asked_for_while_logged_in_becomes_private_but_keeps_revalidating(
    make_event, user
):
    event = make_event()
    client = Client()
    client.force_login(user)
    response = client.get(f"{event.url}agenda.ics")
    assert response.status_code == 200
    directives = cache_control(response)
    assert "private" in directives and "public" not in directives
    assert "no-store" not in directives  # calendar apps revalidate with the ETag
    assert response["ETag"]


def test_the_request_log_never_holds_a_feed_token(user, caplog):
    token = calendar_token_get_or_create(user=user)
    with caplog.at_level(logging.INFO, logger="learning.requests"):
        assert Client().get(f"/agenda/persoonlijk/{token}.ics").status_code == 200
        Client().get("/agenda/", {"token": "geheim-123", "maand": "2026-05"})
    records = [r for r in caplog.records if r.name == "learning.requests"]
    assert records[0].path == "/agenda/persoonlijk/***.ics"
    assert records[1].query == "token=***&maand=2026-05"
    for record in caplog.records:
        assert token not in record.getMessage()
        assert "geheim-123" not in record.getMessage()


def test_django_error_lines_mask_the_token_too(user, monkeypatch):
    """Django logs "Internal Server Error: <path>" itself; the console handler masks it."""
    from learning.calendar import personal

    def broken(**kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(personal, "personal_feed_state", broken)
    token = calendar_token_get_or_create(user=user)
    handler = logging.getLogger().handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = Client(raise_request_exception=False).get(f"/agenda/persoonlijk/{token}.ics")
    finally:
        handler.setStream(previous)
    assert response.status_code == 500
    output = stream.getvalue()
    assert "Internal Server Error: /agenda/persoonlijk/***.ics" in output
    assert token not in output
