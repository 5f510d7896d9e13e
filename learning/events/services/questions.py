"""Registration questions: what counts as a valid answer, and writing answers.

One place decides whether an answer is acceptable (``answer_clean``): the registration form
shows its messages on the fields, and the services run it again under the event's lock, so
an answer the editor's questions do not allow is never saved, whoever calls.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    CANCELLABLE_STATUSES,
    QuestionCategory,
    QuestionType,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    RegistrationStatus,
)
from .errors import RegistrationError, _error
from .locking import _lock_for_change
from .log import _log
from .rules import can_cancel_online


@dataclass(frozen=True)
class AnswerValue:
    """A cleaned answer: text, or the codes of the chosen options (in the editor's order)."""

    text: str = ""
    choices: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.text and not self.choices


class AnswersRefused(RegistrationError):
    """Answers that do not fit the questions; ``errors`` maps a question's id to its message."""

    status = 400

    def __init__(self, errors: dict[int, str]):
        self.errors = errors
        super().__init__(
            "answers_invalid",
            _("Niet alle vragen zijn goed beantwoord. Verbeter de antwoorden hieronder."),
        )


def _refused(question: RegistrationQuestion, message, **values) -> RegistrationError:
    return RegistrationError(
        "answer_invalid",
        message % {"question": question.text, **values},
        status=AnswersRefused.status,
    )


def answer_clean(*, question: RegistrationQuestion, raw) -> AnswerValue:
    """The answer to ``question`` from ``raw`` (text, one option code, or a list of codes).

    Refuses (a RegistrationError with a Dutch message naming the question) a missing answer to
    a required question, text longer than the question's limit, and an option that is not
    offered. An empty optional answer is an empty AnswerValue.
    """
    kind = question.question_type
    if kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        # Browsers send a line break as CRLF; counted (and stored) as one character.
        text = raw.replace("\r\n", "\n").strip() if isinstance(raw, str) else ""
        if "\x00" in text:
            # No browser sends it, and PostgreSQL refuses it in text (a 500 otherwise).
            raise _refused(question, _("Het antwoord op ‘%(question)s’ bevat een ongeldig teken."))
        if len(text) > question.max_length:
            raise _refused(
                question,
                _("Het antwoord op ‘%(question)s’ is te lang: maximaal %(max)s tekens."),
                max=question.max_length,
            )
        value = AnswerValue(text=text)
    else:
        if raw is None or raw == "":
            given = []
        elif isinstance(raw, str):
            given = [raw]
        elif isinstance(raw, list | tuple) and all(isinstance(code, str) for code in raw):
            given = [code for code in raw if code]
        else:
            given = None
        offered = [code for code, _label in question.option_choices()]
        if given is None or any(code not in offered for code in given):
            raise _refused(question, _("Kies bij ‘%(question)s’ een van de keuzes die er staan."))
        if kind != QuestionType.MANY_CHOICES and len(given) > 1:
            raise _refused(question, _("Kies bij ‘%(question)s’ één keuze."))
        value = AnswerValue(choices=tuple(code for code in offered if code in given))
    if question.required and value.is_empty:
        if kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            raise _refused(question, _("Vul een antwoord in bij ‘%(question)s’."))
        raise _refused(question, _("Kies een antwoord bij ‘%(question)s’."))
    return value


def answers_clean(*, questions, raw: dict) -> dict[int, AnswerValue]:
    """Every question's cleaned answer from ``raw`` (question id → raw value); answers to
    questions not in ``questions`` (another event's) are ignored. Refuses all problems at once
    (``AnswersRefused``), so the form can show each on its field."""
    cleaned, errors = {}, {}
    for question in questions:
        try:
            cleaned[question.pk] = answer_clean(question=question, raw=raw.get(question.pk))
        except RegistrationError as error:
            errors[question.pk] = str(error.message)
    if errors:
        raise AnswersRefused(errors)
    return cleaned


def _answers_write(*, registration: Registration, cleaned: dict[int, AnswerValue]) -> None:
    RegistrationAnswer.objects.bulk_create(
        RegistrationAnswer(
            registration=registration,
            question_id=question_id,
            text=value.text,
            choices=list(value.choices),
        )
        for question_id, value in cleaned.items()
        if not value.is_empty
    )


def registration_answers_save(*, registration: Registration, questions, raw: dict | None) -> None:
    """Check ``raw`` against the event's ``questions`` and write the answers of a registration
    that is being created. Runs inside the registration's transaction, under the event's lock
    (``registration_create``): a refusal leaves nothing behind."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("registration_answers_save must be called inside transaction.atomic()")
    cleaned = answers_clean(questions=questions, raw=raw or {})
    _answers_write(registration=registration, cleaned=cleaned)


def can_edit_answers_online(*, registration: Registration, now=None) -> bool:
    """Participants change their answers while the registration is active, until the
    cancellation deadline (the same moment after which only the organiser can change it)."""
    return registration.status in CANCELLABLE_STATUSES and can_cancel_online(
        event=registration.event, now=now
    )


def registration_answers_update(*, registration: Registration, raw: dict, actor) -> Registration:
    """Replace the answers of ``actor``'s own active registration, until the cancellation
    deadline. All answers are checked first; a refusal changes nothing. Logged without the
    answers themselves (they may be health data, which the log keeps longer)."""
    with transaction.atomic():
        locked_event, locked = _lock_for_change(registration, actor=actor, coordinator=False)
        locked.event = locked_event
        if locked.status not in CANCELLABLE_STATUSES:
            raise _error("not_active")
        if not can_cancel_online(event=locked_event):
            raise _error("answers_deadline_passed")
        questions = list(RegistrationQuestion.objects.filter(event_id=locked_event.pk))
        cleaned = answers_clean(questions=questions, raw=raw)
        RegistrationAnswer.objects.filter(registration=locked).delete()
        _answers_write(registration=locked, cleaned=cleaned)
        _log(locked, actor=actor, action="answers", from_status=locked.status)
    return locked


def answers_sensitive_delete(*, now=None) -> int:
    """Delete the answers to sensitive questions (health: diet, accessibility) that are no
    longer needed: of events that have ended and of cancelled registrations. Safe to run
    twice. Returns how many were deleted."""
    now = now or timezone.now()
    no_longer_needed = Q(registration__event__ends_at__lt=now) | Q(
        registration__status=RegistrationStatus.CANCELLED
    )
    deleted, _per_model = (
        RegistrationAnswer.objects.filter(question__category=QuestionCategory.SENSITIVE)
        .filter(no_longer_needed)
        .delete()
    )
    return deleted
