"""The one rate-limit helper for our own forms (learning/core/ratelimit.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from learning.core.ratelimit import Rate, parse_rates, rate_limit_consume, rate_limited_response
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_rates_are_written_as_in_allauth():
    assert parse_rates("10/m/user, 30/5m/ip,3/d/key,2/s") == [
        Rate(10, 60, "user"),
        Rate(30, 300, "ip"),
        Rate(3, 86400, "key"),
        Rate(2, 1, "ip"),
    ]


def post(user=None, ip="203.0.113.5"):
    request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ip)
    request.user = user or AnonymousUser()
    return request


def test_limits_count_per_person_and_per_key(settings):
    settings.RATE_LIMITS = {"try": "3/m/user,2/m/key"}
    anna, bert = UserFactory(), UserFactory()
    assert [rate_limit_consume(post(anna), action="try") for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    assert rate_limit_consume(post(bert), action="try")  # another person counts apart
    assert rate_limit_consume(post(bert), action="try", key="x@example.org")
    assert rate_limit_consume(post(bert), action="try", key="x@example.org")
    assert not rate_limit_consume(post(UserFactory()), action="try", key="x@example.org")


def test_limits_per_address_use_the_visitor_address_behind_the_proxy(settings):
    settings.RATE_LIMITS = {"try": "1/m/ip"}
    assert rate_limit_consume(post(ip="203.0.113.5"), action="try")
    assert not rate_limit_consume(post(ip="203.0.113.5"), action="try")
    assert rate_limit_consume(post(ip="198.51.100.7"), action="try")
    # IPv6: one /64 is one visitor.
    assert rate_limit_consume(post(ip="2001:db8::1"), action="try")
    assert not rate_limit_consume(post(ip="2001:db8::2"), action="try")


def test_a_per_person_limit_does_not_apply_to_anonymous_visitors(settings):
    settings.RATE_LIMITS = {"try": "1/m/user"}
    assert all(rate_limit_consume(post(), action="try") for _ in range(5))


def test_refusal_is_a_dutch_429_page(client):
    request = post()
    response = rate_limited_response(request).render()
    assert response.status_code == 429
    assert response["Retry-After"]
    content = response.content.decode()
    assert "Te veel pogingen" in content
    assert 'lang="nl"' in content


def test_a_first_attempt_costs_one_cache_operation_per_limit(settings, monkeypatch):
    """A registration usually is the person's first attempt in the window: one ``add`` per
    limit, no ``incr`` (two round trips to Redis: EXISTS and INCRBY)."""
    from django.core.cache import cache

    settings.RATE_LIMITS = {"try": "10/m/user,30/h/user"}
    calls = []
    for name in ("add", "incr", "get", "set"):
        original = getattr(cache, name)
        monkeypatch.setattr(
            cache,
            name,
            lambda *a, _name=name, _orig=original, **k: calls.append(_name) or _orig(*a, **k),
        )
    anna = UserFactory()
    assert rate_limit_consume(post(anna), action="try")
    assert calls == ["add", "add"]
    calls.clear()
    assert rate_limit_consume(post(anna), action="try")  # later attempts still count
    assert calls.count("incr") == 2
