"""learning.core.inserts.row_insert against the oracle it stands in for: Django's own save().

The same object saved both ways must leave the same row (every column but the key and the
moments the fields take from the clock), send the same signals, and come back marked as saved.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import signals
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning.core.inserts import row_insert
from learning.events.models import (
    EventPage,
    Registration,
    RegistrationLog,
    RegistrationStatus,
    WaitReason,
)
from learning.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

CLOCK_FIELDS = {"id", "created_at", "updated_at"}


def row(model, pk) -> dict:
    values = model.objects.filter(pk=pk).values().get()
    return {name: value for name, value in values.items() if name not in CLOCK_FIELDS}


def both_ways(make):
    """Save one object from ``make()`` with save(), another with row_insert; their rows."""
    by_orm, by_us = make(), make()
    by_orm.save()
    assert row_insert(obj=by_us) is by_us
    assert by_us.pk is not None and by_us.pk != by_orm.pk
    assert not by_us._state.adding and by_us._state.db == "default"
    return row(type(by_orm), by_orm.pk), row(type(by_us), by_us.pk)


def test_an_outbox_message_with_json_and_keys_is_the_same_row(make_event, make_user):
    event, user = make_event(), make_user()
    later = timezone.now() + timedelta(seconds=30)

    def make():
        return OutboxMessage(
            kind="registration_confirmed",
            to="anna@utrecht.nl",
            from_email="Circulair Leren <noreply@example.nl>",
            subject="U bent aangemeld",
            text="Tot ziens op de netwerkdag.",
            attachments=[{"filename": "a.ics", "content": "BEGIN:VCALENDAR", "mimetype": "x"}],
            headers={"Reply-To": "team@example.nl"},
            renderer="events.registration",
            payload={"registration": 12, "status": "bevestigd", "nested": {"é": [1, 2]}},
            event=event,
            user=user,
            next_attempt_at=later,
        )

    orm, ours = both_ways(make)
    assert ours == orm
    assert ours["payload"]["nested"] == {"é": [1, 2]}


def test_a_registration_and_its_log_entry_are_the_same_rows(make_event, make_user):
    event, user = make_event(), make_user()
    now = timezone.now()

    def registration():
        # Two people: one active registration per person and event.
        return Registration(
            event=event,
            user=make_user(),
            organisation_id=user.organisation_id,
            job_role=user.job_role,
            status=RegistrationStatus.WAITING,
            wait_reason=WaitReason.CAPACITY,
            queue_position=4,
            created_at=now,
        )

    orm, ours = both_ways(registration)
    assert {k: v for k, v in ours.items() if k != "user_id"} == {
        k: v for k, v in orm.items() if k != "user_id"
    }
    saved = Registration.objects.filter(event=event).latest("pk")
    assert abs(saved.updated_at - timezone.now()) < timedelta(minutes=1)  # auto_now

    def entry():
        return RegistrationLog(
            registration=saved, actor=user, action="register", to_status="waiting", reason=""
        )

    orm, ours = both_ways(entry)
    assert ours == orm


def test_it_sends_the_signals_save_sends(make_user):
    seen = []

    def pre(sender, instance, **kwargs):
        seen.append(("pre", instance.pk, kwargs["raw"], kwargs["update_fields"]))
        instance.subject = "Gezet in pre_save"

    def post(sender, instance, created, **kwargs):
        seen.append(("post", instance.pk, created, kwargs["raw"]))

    signals.pre_save.connect(pre, sender=OutboxMessage)
    signals.post_save.connect(post, sender=OutboxMessage)
    try:
        message = row_insert(obj=OutboxMessage(kind="account", to="a@b.nl", subject="x", text="y"))
    finally:
        signals.pre_save.disconnect(pre, sender=OutboxMessage)
        signals.post_save.disconnect(post, sender=OutboxMessage)
    assert seen == [("pre", None, False, None), ("post", message.pk, True, False)]
    assert OutboxMessage.objects.get(pk=message.pk).subject == "Gezet in pre_save"


def test_the_statement_is_built_once_and_an_expression_goes_through_the_orm():
    row_insert(obj=OutboxMessage(kind="account", to="a@b.nl", subject="x", text="y"))
    with CaptureQueriesContext(connection) as queries:
        message = row_insert(obj=OutboxMessage(kind="account", to="c@d.nl", subject="x", text="y"))
    [insert] = [q["sql"] for q in queries.captured_queries]
    assert insert.startswith('INSERT INTO "outbox_outboxmessage"') and "RETURNING" in insert

    # An expression cannot be a parameter: the ORM's own insert of the same fields takes it.
    expression = OutboxMessage(kind="account", to="e@f.nl", subject="x", text="y")
    expression.sent_at = Now()
    row_insert(obj=expression)
    stored = OutboxMessage.objects.get(pk=expression.pk)
    assert stored.sent_at is not None and stored.pk > message.pk


def test_what_it_cannot_do_the_same_way_goes_through_save(monkeypatch):
    saved = []
    monkeypatch.setattr(EventPage, "save", lambda self, **kwargs: saved.append(kwargs))
    # A page: parents (multi-table inheritance) and a save() of its own.
    page = EventPage(title="Netwerkdag", slug="netwerkdag")
    with CaptureQueriesContext(connection) as queries:
        row_insert(obj=page)
    assert saved == [{"force_insert": True}]
    assert queries.captured_queries == []
