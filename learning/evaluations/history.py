"""The evaluations' part of a person's history (``learning.events.history``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from learning.circles.models import MeetingAttendance
from learning.events.history import HistoryLink
from learning.events.models import RegistrationStatus

from .selectors import open_surveys_for


def _link(survey, *, description: str = "") -> HistoryLink:
    return HistoryLink(
        kind="evaluation",
        label=_("Evaluatie invullen"),
        url=reverse("evaluations:answer", args=[survey.pk]),
        description=description,
    )


def links(*, user, registrations) -> dict:
    """ "Evaluatie invullen" beside each attended registration whose event has an open survey
    the person has not answered. One query for all registrations."""
    attended = {
        registration.event_id: registration.pk
        for registration in registrations
        if registration.status == RegistrationStatus.ATTENDED and registration.user_id == user.pk
    }
    if not attended:
        return {}
    surveys = open_surveys_for(user=user).filter(event_id__in=attended)
    return {attended[survey.event_id]: [_link(survey)] for survey in surveys}


def tasks(*, user) -> list:
    """Open surveys of circle meetings the person was present at and has not answered."""
    if not user.is_authenticated:
        return []
    present = MeetingAttendance.objects.filter(user=user, present=True).values("meeting_id")
    surveys = (
        open_surveys_for(user=user)
        .filter(meeting_id__in=present)
        .select_related("meeting__circle")
        .order_by("meeting__starts_at")
    )
    return [
        _link(survey, description=f"{survey.meeting.circle.title}: {survey.meeting}")
        for survey in surveys
    ]
