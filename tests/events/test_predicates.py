"""What a participant may do with their registration (learning.events.predicates)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.events.models import EventPage, Registration, RegistrationStatus, WaitReason
from learning.events.predicates import registration_actions

pytestmark = pytest.mark.django_db  # an unsaved page still asks for the default locale

NOW = timezone.now()


def registration(status, *, deadline=None, starts_in=timedelta(days=10), organisation_id=7):
    starts_at = NOW + starts_in
    event = EventPage(
        title="Netwerkdag",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        cancellation_deadline=deadline,
    )
    return Registration(event=event, status=status, organisation_id=organisation_id)


@pytest.mark.parametrize(
    "status", [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED]
)
def test_an_active_registration_can_be_cancelled_until_the_deadline(status):
    before = registration(status, deadline=NOW + timedelta(hours=1))
    after = registration(status, deadline=NOW - timedelta(hours=1))
    assert registration_actions(registration=before, now=NOW).can_cancel
    assert not registration_actions(registration=after, now=NOW).can_cancel
    # Without a deadline of its own the start of the event is the deadline.
    started = registration(status, starts_in=-timedelta(hours=1))
    assert not registration_actions(registration=started, now=NOW).can_cancel


@pytest.mark.parametrize("status", [RegistrationStatus.ATTENDED, RegistrationStatus.CANCELLED])
def test_attended_and_cancelled_cannot_be_cancelled(status):
    assert not registration_actions(registration=registration(status), now=NOW).can_cancel


def test_hand_over_needs_a_confirmed_seat_with_an_organisation_of_an_event_to_come():
    confirmed = registration(RegistrationStatus.CONFIRMED)
    assert registration_actions(registration=confirmed, now=NOW).can_hand_over
    for other in (
        registration(RegistrationStatus.WAITING),
        registration(RegistrationStatus.CONFIRMED, organisation_id=None),
        registration(RegistrationStatus.CONFIRMED, starts_in=-timedelta(days=1)),
    ):
        assert not registration_actions(registration=other, now=NOW).can_hand_over


def test_status_predicates():
    actions = registration_actions(registration=registration(RegistrationStatus.WAITING), now=NOW)
    assert actions.is_waitlisted and not actions.is_offered and not actions.is_confirmed
    assert not actions.waits_for_organisation_seat and not actions.waits_for_any_seat
    waiting = registration(RegistrationStatus.WAITING)
    waiting.wait_reason = WaitReason.ORGANISATION_FULL
    actions = registration_actions(registration=waiting, now=NOW)
    assert actions.waits_for_organisation_seat and not actions.waits_for_any_seat
    assert not actions.can_see_online_url
    actions = registration_actions(registration=registration(RegistrationStatus.ATTENDED), now=NOW)
    assert actions.is_attended and actions.can_see_online_url and not actions.is_upcoming
