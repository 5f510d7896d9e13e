"""The request log: one line per request, without lookups of its own."""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_log_line_names_the_user_the_view_looked_up(user, caplog):
    client = Client()
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="learning.requests"):
        assert client.get("/mijn-aanmeldingen/").status_code == 200
    (record,) = [r for r in caplog.records if r.name == "learning.requests"]
    assert record.user_id == user.pk
    assert record.status == 200


def test_log_line_adds_no_queries(user, caplog, django_assert_num_queries):
    """A request that never looks at the user (health check, static file, feed 304) does not
    load the session and the user just to log them."""
    client = Client()
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="learning.requests"), django_assert_num_queries(0):
        assert client.get("/static/css/site.css").status_code == 200
    (record,) = [r for r in caplog.records if r.name == "learning.requests"]
    assert record.user_id is None
    assert record.path == "/static/css/site.css"
