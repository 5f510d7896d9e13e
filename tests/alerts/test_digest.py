"""The digest: one message per period, nothing when nothing is new, visible pages only, and
one-click unsubscribe from a signed link."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from learning.alerts import notifications, selectors, services
from learning.alerts.errors import AlertError
from learning.alerts.models import AlertSettings, Follow, Frequency
from learning.outbox.models import OutboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Wednesday 14 October 2026: the last complete week is 5–12 October, the month September.
NOW = datetime(2026, 10, 14, 9, 0, tzinfo=AMSTERDAM)
IN_LAST_WEEK = datetime(2026, 10, 7, 12, 0, tzinfo=AMSTERDAM)


def _published_at(page, moment):
    Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)


def _subscriber(frequency=Frequency.WEEKLY, **fields):
    user = UserFactory(**fields)
    AlertSettings.objects.create(user=user, frequency=frequency)
    return user


def _digests():
    return OutboxMessage.objects.filter(kind=notifications.DIGEST)


def test_period_is_the_last_complete_week_or_month_in_amsterdam_time():
    start, end = selectors.digest_period(frequency=Frequency.WEEKLY, now=NOW)
    assert (start, end) == (
        datetime(2026, 10, 5, tzinfo=AMSTERDAM),
        datetime(2026, 10, 12, tzinfo=AMSTERDAM),
    )
    start, end = selectors.digest_period(frequency=Frequency.MONTHLY, now=NOW)
    assert (start, end) == (
        datetime(2026, 9, 1, tzinfo=AMSTERDAM),
        datetime(2026, 10, 1, tzinfo=AMSTERDAM),
    )


def test_one_digest_per_period_even_when_run_twice(make_article, bouw):
    user = _subscriber()
    services.follow_add(user=user, kind="theme", object_id=bouw.pk)
    article = make_article(themes=[bouw], title="Bruggen die langer meegaan")
    _published_at(article, IN_LAST_WEEK)

    assert services.digests_queue(now=NOW) == 1
    assert services.digests_queue(now=NOW) == 0
    assert services.digests_queue(now=NOW + timedelta(days=2)) == 0

    message = _digests().get()
    assert message.to == user.email
    assert "Bruggen die langer meegaan" in message.text
    assert bouw.name in message.text
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message.headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/meldingen/afmelden/" in unsubscribe
    assert unsubscribe.strip("<>") in message.text

    # The next week, with something new again, is a new period and a new message.
    later = make_article(themes=[bouw], title="Circulaire kademuur")
    _published_at(later, IN_LAST_WEEK + timedelta(days=7))
    assert services.digests_queue(now=NOW + timedelta(days=7)) == 1
    assert _digests().count() == 2


def test_nothing_is_sent_when_nothing_is_new(make_article, bouw, inkopen):
    user = _subscriber()
    services.follow_add(user=user, kind="theme", object_id=bouw.pk)
    old = make_article(themes=[bouw])
    _published_at(old, IN_LAST_WEEK - timedelta(days=30))
    other_theme = make_article(themes=[inkopen])
    _published_at(other_theme, IN_LAST_WEEK)

    assert services.digests_queue(now=NOW) == 0
    assert not _digests().exists()
    # Someone who follows nothing, or chose no e-mail, gets nothing either.
    _subscriber()
    never = _subscriber(frequency=Frequency.NEVER)
    Follow.objects.create(user=never, kind="theme", object_id=inkopen.pk)
    assert services.digests_queue(now=NOW) == 0
    assert not _digests().exists()


def test_a_private_page_is_never_in_the_digest(make_article, bouw):
    user = _subscriber()
    services.follow_add(user=user, kind="theme", object_id=bouw.pk)
    secret = make_article(themes=[bouw], title="Alleen voor deelnemers")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.GROUPS)
    _published_at(secret, IN_LAST_WEEK)

    assert services.digests_queue(now=NOW) == 0
    assert not _digests().exists()


def test_a_monthly_digest_covers_the_month_and_a_pioneers_update(make_profile):
    profile = make_profile(title="Sanne de Vries")
    user = _subscriber(frequency=Frequency.MONTHLY)
    services.follow_add(user=user, kind="pioneer", object_id=profile.pk)
    _published_at(profile, datetime(2026, 9, 20, 10, 0, tzinfo=AMSTERDAM))

    assert services.digests_queue(now=NOW) == 1
    assert "Sanne de Vries" in _digests().get().text


def test_choosing_a_digest_starts_with_the_next_period(make_article, bouw):
    user = UserFactory()
    services.follow_add(user=user, kind="theme", object_id=bouw.pk)
    article = make_article(themes=[bouw])
    _published_at(article, IN_LAST_WEEK)
    services.alert_frequency_set(user=user, frequency=Frequency.WEEKLY)
    # Chosen now (after NOW's week): the past week is not sent afterwards.
    assert services.digests_queue(now=NOW) == 0


def test_unsubscribe_works_without_login_get_shows_a_button_post_stops(client, make_article):
    user = _subscriber()
    url = reverse("alerts:unsubscribe", args=[notifications.unsubscribe_token(user=user)])

    page = client.get(url)
    assert page.status_code == 200
    assert AlertSettings.objects.get(user=user).frequency == Frequency.WEEKLY  # GET changes nothing

    # RFC 8058: the mail program POSTs List-Unsubscribe=One-Click, without session or CSRF.
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert AlertSettings.objects.get(user=user).frequency == Frequency.NEVER
    assert client.post(url).status_code == 200  # twice is fine


# Tokens are made in the test, not at collection: a signed value carries a timestamp, and
# the parallel workers must collect the same test ids.
FORGED_TOKENS = {
    "forged": lambda: "forged",
    "another_salt": lambda: signing.dumps({"u": 1}, salt="another.salt"),
    "tampered": lambda: signing.dumps({"u": "abc"}, salt=notifications.UNSUBSCRIBE_SALT) + "x",
    "no_user": lambda: signing.dumps({"x": 1}, salt=notifications.UNSUBSCRIBE_SALT),
    "unknown_user": lambda: signing.dumps({"u": 999_999}, salt=notifications.UNSUBSCRIBE_SALT),
}


@pytest.mark.parametrize("case", list(FORGED_TOKENS))
def test_a_forged_unsubscribe_link_is_refused_in_dutch(client, case):
    token = FORGED_TOKENS[case]()
    user = _subscriber()
    for method in (client.get, client.post):
        response = method(reverse("alerts:unsubscribe", args=[token]))
        assert response.status_code == 400
        assert "Deze afmeldlink klopt niet" in response.content.decode()
    assert AlertSettings.objects.get(user=user).frequency == Frequency.WEEKLY


def test_a_link_for_someone_else_cannot_be_made_from_ones_own():
    mine = _subscriber()
    other = _subscriber()
    payload, signature = notifications.unsubscribe_token(user=mine).split(":", 1)
    swapped = signing.b64_encode(json.dumps({"u": other.pk}, separators=(",", ":")).encode())
    tampered = f"{swapped.decode()}:{signature}"
    assert signing.b64_decode(payload.encode()) == f'{{"u":{mine.pk}}}'.encode()
    with pytest.raises(AlertError):
        services.digest_unsubscribe(token=tampered)
    assert AlertSettings.objects.get(user=other).frequency == Frequency.WEEKLY


def test_digest_queries_stay_constant_as_follows_and_pages_grow(
    make_article, make_profile, bouw, inkopen, django_assert_max_num_queries
):
    user = _subscriber()
    services.follow_add(user=user, kind="theme", object_id=bouw.pk)
    start, end = selectors.digest_period(frequency=Frequency.WEEKLY, now=NOW)

    def add_content(count):
        for _number in range(count):
            _published_at(make_article(themes=[bouw, inkopen]), IN_LAST_WEEK)
            _published_at(make_profile(themes=[bouw]), IN_LAST_WEEK)

    add_content(1)
    with django_assert_max_num_queries(12) as small:
        selectors.digest_sections(user=user, start=start, end=end)
    add_content(4)
    services.follow_add(user=user, kind="theme", object_id=inkopen.pk)
    with django_assert_max_num_queries(len(small.captured_queries)):
        sections = selectors.digest_sections(user=user, start=start, end=end)
    assert sum(len(section.items) for section in sections) == 5 + 5 + 5
