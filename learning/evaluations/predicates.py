"""What a person may do with a survey, for views, templates and the services."""

from django.utils import timezone
from django.utils.translation import gettext as _

from learning.circles.models import MeetingAttendance
from learning.events.models import Registration, RegistrationStatus

from .errors import EvaluationError
from .models import Submission, Survey


def survey_is_open(*, survey: Survey, now=None) -> bool:
    now = now or timezone.now()
    return survey.opened_at is not None and survey.opened_at <= now < survey.closes_at


def survey_attended_by(*, survey: Survey, user) -> bool:
    """Whether ``user`` was there: a registration marked attended (events), or recorded as
    present (circle meetings). One query."""
    if not user.is_authenticated:
        return False
    if survey.event_id:
        return Registration.objects.filter(
            event_id=survey.event_id, user=user, status=RegistrationStatus.ATTENDED
        ).exists()
    return MeetingAttendance.objects.filter(
        meeting_id=survey.meeting_id, user=user, present=True
    ).exists()


def survey_answered_by(*, survey: Survey, user) -> bool:
    return Submission.objects.filter(survey_id=survey.pk, user=user).exists()


def survey_refusal(*, survey: Survey, user, now=None) -> EvaluationError | None:
    """Why ``user`` may not answer ``survey`` (before looking at the answers), or None.
    Attendance first: to anyone else the survey's state is none of their business."""
    if not survey_attended_by(survey=survey, user=user):
        return EvaluationError(
            "not_attended",
            _("Deze evaluatie is alleen voor wie bij de bijeenkomst aanwezig was."),
            status=403,
        )
    if survey.opened_at is None:
        return EvaluationError(
            "not_open", _("Deze evaluatie is nog niet open: dat kan na afloop."), status=409
        )
    if not survey_is_open(survey=survey, now=now):
        return EvaluationError(
            "closed", _("Deze evaluatie is gesloten: invullen kan niet meer."), status=409
        )
    return None
