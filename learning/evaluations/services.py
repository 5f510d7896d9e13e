"""Writes for evaluations: opening a survey, answering it once, inviting and reminding.

Every periodic step may run twice at the same time (two beat schedulers, a retry): the unique
constraints on ``Survey``, ``Invitation`` and ``Submission`` and the conditional update of
``Invitation.reminded_at`` decide who wins, and the outbox's dedupe keys are a second net.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.circles.models import CircleMeeting, MeetingAttendance
from learning.events.models import EventPage, Registration, RegistrationStatus
from learning.events.selectors import events_managed_by

from . import notifications
from .errors import EvaluationError
from .models import EvaluationForm, Invitation, QuestionKind, Response, Submission, Survey
from .predicates import survey_is_open, survey_refusal
from .questions import RATINGS, questions_for

# Occasions that ended longer ago than this get no invitation any more (the first run after
# a deployment does not write to everyone who ever attended something).
INVITATION_WINDOW = timedelta(days=7)
TEXT_MAX_LENGTH = 2000


def survey_open(*, survey: Survey, now=None) -> Survey:
    """Open ``survey`` (once): its questions are fixed from its form and it can be answered
    for ``EVALUATION_OPEN_DAYS``. An open survey stays as it is."""
    now = now or timezone.now()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.opened_at is None:
            survey.questions = questions_for(survey.form)
            survey.opened_at = now
            survey.closes_at = now + timedelta(days=settings.EVALUATION_OPEN_DAYS)
            survey.save(update_fields=["questions", "opened_at", "closes_at"])
    return survey


def survey_for_occasion(*, event: EventPage | None = None, meeting: CircleMeeting | None = None):
    """The survey of an event or a circle meeting, made (unopened, default form) if missing;
    two concurrent calls get the same row."""
    lookup = {"event": event} if event is not None else {"meeting": meeting}
    survey, _created = Survey.objects.get_or_create(**lookup)
    return survey


def survey_form_choose(*, event: EventPage, form: EvaluationForm | None, actor) -> Survey:
    """Choose the question form of an event's evaluation before it opens (None: the default
    questions). Only for who manages the event (403); once the invitations went out the
    questions are fixed (409)."""
    if not events_managed_by(user=actor).filter(pk=event.pk).exists():
        raise EvaluationError("forbidden", _("U beheert deze bijeenkomst niet."), status=403)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey_for_occasion(event=event).pk)
        if survey.opened_at is not None:
            raise EvaluationError(
                "already_open",
                _("De evaluatie is al verstuurd; de vragen liggen vast."),
                status=409,
            )
        survey.form = form
        survey.save(update_fields=["form"])
    return survey


def _attendee_ids(survey: Survey) -> list[int]:
    if survey.event_id:
        return list(
            Registration.objects.filter(
                event_id=survey.event_id, status=RegistrationStatus.ATTENDED, user__isnull=False
            ).values_list("user_id", flat=True)
        )
    return list(
        MeetingAttendance.objects.filter(meeting_id=survey.meeting_id, present=True).values_list(
            "user_id", flat=True
        )
    )


def invitations_queue(*, now=None) -> int:
    """Open the surveys of the events and circle meetings that ended in the last week and
    invite every attendee who has no invitation yet, once (hourly task; safe to run twice).
    Returns the number of invitations queued."""
    now = now or timezone.now()
    since = now - INVITATION_WINDOW
    surveys = [
        survey_for_occasion(event=event)
        for event in EventPage.objects.filter(
            cancelled=False, ends_at__lte=now, ends_at__gt=since
        ).live()
    ] + [
        survey_for_occasion(meeting=meeting)
        for meeting in CircleMeeting.objects.filter(
            cancelled=False, ends_at__lte=now, ends_at__gt=since, circle__live=True
        )
    ]
    queued = 0
    for survey in surveys:
        survey = survey_open(survey=survey, now=now)
        if not survey_is_open(survey=survey, now=now):
            continue
        invited = set(survey.invitations.values_list("user_id", flat=True))
        for user_id in _attendee_ids(survey):
            if user_id in invited:
                continue
            with transaction.atomic():
                invitation, created = Invitation.objects.get_or_create(
                    survey=survey, user_id=user_id, defaults={"invited_at": now}
                )
                if created:
                    notifications.invitation(invitation)
                    queued += 1
    return queued


def reminders_queue(*, now=None) -> int:
    """Remind, once, whoever was invited ``EVALUATION_REMINDER_DAYS`` ago and has not answered
    a survey that is still open (hourly task; safe to run twice: the conditional update lets
    one run claim each invitation). Returns the number of reminders queued."""
    now = now or timezone.now()
    due = (
        Invitation.objects.filter(
            reminded_at__isnull=True,
            invited_at__lte=now - timedelta(days=settings.EVALUATION_REMINDER_DAYS),
            survey__closes_at__gt=now,
        )
        .exclude(
            Exists(
                Submission.objects.filter(
                    survey_id=OuterRef("survey_id"), user_id=OuterRef("user_id")
                )
            )
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    queued = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:
                continue
            invitation = Invitation.objects.select_related("survey", "user").get(pk=pk)
            if Submission.objects.filter(
                survey_id=invitation.survey_id, user_id=invitation.user_id
            ).exists():
                continue
            notifications.reminder(invitation)
            queued += 1
    return queued


def answers_clean(*, questions: list[dict], data: dict) -> dict:
    """The answers to store, by question key: only known questions, required ones present,
    ratings 1–5, choices from the list, texts at most ``TEXT_MAX_LENGTH`` characters. Refuses
    anything else with a 400 (the form on the site says the same per field)."""
    answers = {}
    for question in questions:
        value = data.get(question["key"])
        if value in (None, ""):
            if question["required"]:
                raise EvaluationError(
                    "answer_missing",
                    _("Beantwoord de vraag “%(label)s”.") % {"label": question["label"]},
                    status=400,
                )
            continue
        kind = question["kind"]
        if kind == QuestionKind.RATING:
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = None
            if value not in RATINGS:
                raise EvaluationError(
                    "rating_out_of_range", _("Kies een cijfer van 1 tot 5."), status=400
                )
        elif kind == QuestionKind.CHOICE:
            if value not in question["choices"]:
                raise EvaluationError("unknown_choice", _("Kies een van de keuzes."), status=400)
        else:
            value = str(value).strip()
            if len(value) > TEXT_MAX_LENGTH:
                raise EvaluationError(
                    "text_too_long",
                    _("Uw antwoord is te lang: hoogstens %(max)s tekens.")
                    % {"max": TEXT_MAX_LENGTH},
                    status=400,
                )
            if not value:
                continue
        answers[question["key"]] = value
    return answers


def evaluation_submit(*, survey: Survey, user, data: dict, named: bool, now=None) -> Response:
    """Store one person's answers to ``survey``, once.

    Refused (``EvaluationError``) for anyone who did not attend, for a survey that is not open,
    for a second answer (409; also when two submits race: the unique constraint lets one
    through) and for answers ``answers_clean`` refuses (400). The ``Submission`` (who) and the
    ``Response`` (what) are written in one transaction, or neither.
    """
    now = now or timezone.now()
    if (refusal := survey_refusal(survey=survey, user=user, now=now)) is not None:
        raise refusal
    answers = answers_clean(questions=survey.questions, data=data)
    with transaction.atomic():
        try:
            with transaction.atomic():
                Submission.objects.create(
                    survey=survey, user=user, submitted_on=timezone.localdate(now)
                )
        except IntegrityError:
            raise EvaluationError(
                "already_answered", _("U heeft deze evaluatie al ingevuld."), status=409
            ) from None
        return Response.objects.create(
            survey=survey, answers=answers, named_user=user if named else None
        )


def evaluations_erase(*, user) -> None:
    """Before an account is deleted: forget who answered and who was invited; answers given
    with the person's name stay, without it."""
    Response.objects.filter(named_user=user).update(named_user=None)
    Submission.objects.filter(user=user).delete()
    Invitation.objects.filter(user=user).delete()
