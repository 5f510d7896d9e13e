"""The monitor's rules: who fills in a response, the version check, submitting, reopening.

A save names the version it started from. The version goes up in one conditional UPDATE
(``… WHERE version = n``), so of two colleagues who saved at the same moment exactly one
succeeds; the other gets a MonitorError("conflict") naming who saved in between, and the
caller shows the person's own input again. Every change writes a ResponseChange entry in the
same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.accounts.models import User
from learning.core.errors import DomainError

from .models import (
    MAX_SCORE,
    Answer,
    Question,
    Response,
    ResponseChange,
    ResponseEditor,
    ResponseStatus,
    Round,
)
from .selectors import response_editor_seat_for


class MonitorError(DomainError):
    """A refused monitor action: a code for programs, a Dutch message for people."""

    def __init__(self, code: str, message, *, latest: ResponseChange | None = None):
        super().__init__(code, message)
        # For "conflict": the save that came in between.
        self.latest = latest


MESSAGES = {
    "no_organisation": _(
        "De monitor wordt per organisatie ingevuld, en u telt nog voor geen organisatie mee. "
        "Kies in uw profiel uw organisatie: met een e-mailadres van die organisatie telt u "
        "direct mee; anders beoordeelt een coördinator eerst uw aanvraag."
    ),
    "round_closed": _("Deze ronde is gesloten: de vragenlijst kan niet meer worden gewijzigd."),
    "submitted": _(
        "Deze monitor is al ingediend en kan niet meer worden gewijzigd. Vraag de coördinator "
        "om hem te heropenen als er iets moet worden aangepast."
    ),
    "editors_full": _(
        "Er werken al drie collega's van uw organisatie aan deze monitor. Vraag een van hen "
        "om zijn of haar plek vrij te geven, dan kunt u meewerken."
    ),
    "not_editor": _("Alleen de collega's die deze monitor invullen, kunnen dit doen."),
    "editor_unknown": _("Deze persoon werkt niet (meer) mee aan deze monitor."),
    "incomplete": _("Beantwoord eerst alle vragen; daarna kunt u de monitor indienen."),
    "invalid_score": _("Kies voor elke vraag een score van 0 tot en met 4."),
    "forbidden": _("Alleen coördinatoren kunnen dit doen."),
    "not_submitted": _("Deze monitor is nog niet ingediend."),
}


def _error(code: str, **kwargs) -> MonitorError:
    if code == "conflict":
        latest = kwargs["latest"]
        who = (latest.actor if latest and latest.actor else None) or _("een collega")
        when = timezone.localtime(latest.created_at) if latest else timezone.localtime()
        message = _(
            "Uw wijzigingen zijn niet opgeslagen: %(who)s heeft de monitor om %(time)s "
            "opgeslagen nadat u hem opende. Uw eigen antwoorden staan hieronder nog; bij elke "
            "vraag die uw collega anders heeft ingevuld, ziet u het antwoord van uw collega. "
            "Controleer ze en sla opnieuw op."
        ) % {"who": who, "time": when.strftime("%H:%M")}
        return MonitorError("conflict", message, latest=latest)
    return MonitorError(code, MESSAGES[code])


def is_coordinator(user) -> bool:
    """Coordinators (group "Coördinatoren") and superusers see every response."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_monitor_is_coordinator", None)
    if cached is None:
        cached = user.groups.filter(name="Coördinatoren").exists()
        user._monitor_is_coordinator = cached
    return cached


@dataclass(frozen=True)
class AnswerInput:
    score: int | None
    explanation: str = ""


@dataclass
class SaveResult:
    response: Response
    changed: list[dict] = field(default_factory=list)


def response_get_or_create(*, round: Round, user: User) -> Response:
    """The organisation's response for ``round``; created (empty, version 0) when missing.

    Creating it does not make ``user`` an editor: that happens on the first save.
    """
    if user.organisation_id is None:
        raise _error("no_organisation")
    try:
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(
                round=round, organisation_id=user.organisation_id
            )
    except IntegrityError:
        # A colleague created it at the same moment.
        response = Response.objects.get(round=round, organisation_id=user.organisation_id)
    return response


def response_save_for_organisation(
    *, round: Round, user: User, response: Response | None = None, **save
) -> SaveResult:
    """``response_save`` on the organisation's response for ``round``, created first when it
    has none; in one transaction, so a refused first save leaves no empty response behind."""
    with transaction.atomic():
        response = response or response_get_or_create(round=round, user=user)
        return response_save(response=response, user=user, **save)


def _ensure_editor(response: Response, user: User) -> bool:
    """Add ``user`` as editor when there is room; True when added. Caller holds the row lock."""
    editor_ids = list(
        ResponseEditor.objects.filter(response=response).values_list("user_id", flat=True)
    )
    if user.pk in editor_ids:
        return False
    if not response_editor_seat_for(user_id=user.pk, editor_ids=editor_ids):
        raise _error("editors_full")
    ResponseEditor.objects.create(response=response, user=user)
    return True


def can_edit(*, response: Response, user: User, editor_ids: list[int]) -> bool:
    """Whether ``user`` may change the response now (same organisation, a free editor seat)."""
    return (
        response.organisation_id == user.organisation_id
        and not response.is_submitted
        and response.round.is_open()
        and response_editor_seat_for(user_id=user.pk, editor_ids=editor_ids)
    )


def _check_open(response: Response, user: User) -> None:
    if response.organisation_id != user.organisation_id:
        raise _error("not_editor")
    if response.is_submitted:
        raise _error("submitted")
    if not response.round.is_open():
        raise _error("round_closed")


def _latest_change(response: Response, since_version: int) -> ResponseChange | None:
    return (
        ResponseChange.objects.filter(response=response, version__gt=since_version)
        .select_related("actor")
        .order_by("-version", "-pk")
        .first()
    )


def response_save(
    *,
    response: Response,
    user: User,
    version: int,
    answers: dict[int, AnswerInput],
    submit: bool = False,
) -> SaveResult:
    """Store ``answers`` (question id → score and explanation) when nobody saved since ``version``.

    Guarantees: the response belongs to the user's organisation, the round is open and the
    response not yet submitted; the user is (or becomes) one of at most three editors; the
    version goes from ``version`` to ``version + 1`` in one conditional UPDATE, so a
    simultaneous or earlier save by a colleague makes this one fail with code "conflict"
    and changes nothing; the change log names every changed question. With ``submit`` all
    questions must have a score and the response is locked afterwards.
    """
    _check_open(response, user)
    questions = {
        question.pk: question
        for question in Question.objects.filter(questionnaire_id=response.round.questionnaire_id)
    }
    for question_id, given in answers.items():
        if question_id not in questions:
            raise _error("invalid_score")
        if given.score is not None and not 0 <= given.score <= MAX_SCORE:
            raise _error("invalid_score")
    now = timezone.now()
    with transaction.atomic():
        # The conditional UPDATE is the version check and takes the row lock: a colleague's
        # save that runs at the same time waits here and then finds the version moved on.
        updated = Response.objects.filter(
            pk=response.pk, version=version, status=ResponseStatus.DRAFT
        ).update(version=F("version") + 1, updated_at=now, updated_by=user)
        if not updated:
            current = Response.objects.get(pk=response.pk)
            if current.is_submitted:
                raise _error("submitted")
            raise _error("conflict", latest=_latest_change(response, version))
        added = _ensure_editor(response, user)
        new_version = version + 1
        existing = {answer.question_id: answer for answer in response.answers.all()}
        changed: list[dict] = []
        to_create, to_update = [], []
        for question_id, given in answers.items():
            explanation = (given.explanation or "").strip()
            answer = existing.get(question_id)
            if answer is None:
                if given.score is None and not explanation:
                    continue
                answer = Answer(response=response, question_id=question_id)
                to_create.append(answer)
                before_score, before_explanation = None, ""
            else:
                before_score, before_explanation = answer.score, answer.explanation
                if before_score == given.score and before_explanation == explanation:
                    continue
                to_update.append(answer)
            answer.score = given.score
            answer.explanation = explanation
            changed.append(
                {
                    "question": question_id,
                    "text": questions[question_id].text,
                    "from": before_score,
                    "to": given.score,
                    "explanation": before_explanation != explanation,
                }
            )
        Answer.objects.bulk_create(to_create)
        Answer.objects.bulk_update(to_update, ["score", "explanation"])
        if added:
            ResponseChange.objects.create(
                response=response,
                actor=user,
                action=ResponseChange.Action.EDITOR_ADDED,
                version=new_version,
                note=str(user),
            )
        ResponseChange.objects.create(
            response=response,
            actor=user,
            action=ResponseChange.Action.SAVED,
            version=new_version,
            details=changed,
        )
        if submit:
            answered = {
                question_id for question_id, answer in existing.items() if answer.score is not None
            }
            answered |= {a.question_id for a in to_create if a.score is not None}
            answered -= {a.question_id for a in to_update if a.score is None}
            if set(questions) - answered:
                # Nothing of this save is kept: the person fixes the form and submits again.
                transaction.set_rollback(True)
                raise _error("incomplete")
            Response.objects.filter(pk=response.pk).update(
                status=ResponseStatus.SUBMITTED, submitted_at=now, submitted_by=user
            )
            ResponseChange.objects.create(
                response=response,
                actor=user,
                action=ResponseChange.Action.SUBMITTED,
                version=new_version,
            )
    response.refresh_from_db()
    return SaveResult(response=response, changed=changed)


def response_editor_remove(*, response: Response, user: User, editor_id: int) -> User:
    """An editor frees a seat (their own or a colleague's), so another colleague can join.
    Returns the person whose seat was freed.

    Guarantees: only editors of a response that is still open may do this; the change log
    records it. Anyone but an editor of this response (also an id without an account) is
    refused with one and the same answer: the form never names or confirms other accounts.
    """
    _check_open(response, user)
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        rows = {
            row.user_id: row
            for row in ResponseEditor.objects.filter(response=locked).select_related("user")
        }
        if user.pk not in rows:
            raise _error("not_editor")
        row = rows.get(editor_id)
        if row is None:
            raise _error("editor_unknown")
        row.delete()
        ResponseChange.objects.create(
            response=locked,
            actor=user,
            action=ResponseChange.Action.EDITOR_REMOVED,
            version=locked.version,
            note=str(row.user),
        )
    return row.user


def response_reopen(*, response: Response, actor: User, reason: str) -> Response:
    """Coordinator: turn a submitted response back into a draft, with a reason in the log."""
    if not is_coordinator(actor):
        raise _error("forbidden")
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if not locked.is_submitted:
            raise _error("not_submitted")
        locked.status = ResponseStatus.DRAFT
        locked.submitted_at = None
        locked.submitted_by = None
        locked.version += 1
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "version"])
        ResponseChange.objects.create(
            response=locked,
            actor=actor,
            action=ResponseChange.Action.REOPENED,
            version=locked.version,
            note=reason[:300],
        )
    return locked
