"""Registration questions and answers: what a form asks and what the answers add up to."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..models import (
    CODED_TYPES,
    SEAT_STATUSES,
    EventPage,
    EventRound,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
)


def event_questions(*, event: EventPage) -> list[RegistrationQuestion]:
    """The event's registration questions in the editor's order; one query."""
    return list(RegistrationQuestion.objects.filter(event_id=event.pk).order_by("sort_order", "pk"))


def event_has_questions(*, event: EventPage) -> bool:
    return RegistrationQuestion.objects.filter(event_id=event.pk).exists()


def event_has_rounds(*, event: EventPage) -> bool:
    """Whether the event has a programme of rounds with sessions to choose."""
    return EventRound.objects.filter(event_id=event.pk).exists()


@dataclass(frozen=True)
class AnswerRow:
    """One question of the event with the person's answer (None: not answered)."""

    question: RegistrationQuestion
    answer: RegistrationAnswer | None


def answer_rows(*, registration: Registration) -> list[AnswerRow]:
    """Every question of the registration's event with the person's answer. Reads
    ``registration.event.questions`` and ``registration.answers`` through ``.all()``, so a
    listing that prefetches them (``registrations_with_answers``) asks nothing more."""
    questions = sorted(registration.event.questions.all(), key=lambda q: (q.sort_order or 0, q.pk))
    by_question = {answer.question_id: answer for answer in registration.answers.all()}
    rows = []
    for question in questions:
        answer = by_question.get(question.pk)
        if answer is not None:
            answer.question = question  # already loaded: no query for its label
        rows.append(AnswerRow(question=question, answer=answer))
    return rows


def registrations_with_answers(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """``registrations`` with their events' questions and their answers: two queries in all,
    however many registrations and questions, for ``answer_rows``."""
    return registrations.prefetch_related("event__questions", "answers")


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int


@dataclass(frozen=True)
class QuestionSummary:
    """How the people with a seat answered one question: per option for choice and yes/no
    questions ("12 vegetarisch, 3 glutenvrij"), the number of answers for text questions."""

    question: RegistrationQuestion
    answered: int
    options: tuple[OptionCount, ...]


def event_answer_summary(*, event: EventPage) -> list[QuestionSummary]:
    """Per question of ``event``, the answers of the registrations that hold a seat (who is
    coming: what the caterer and the venue need). Two queries, however many registrations."""
    questions = event_questions(event=event)
    if not questions:
        return []
    answered: dict[int, int] = {question.pk: 0 for question in questions}
    per_option: dict[int, dict[str, int]] = {question.pk: {} for question in questions}
    rows = RegistrationAnswer.objects.filter(
        registration__event_id=event.pk, registration__status__in=SEAT_STATUSES
    ).values_list("question_id", "choices")
    for question_id, choices in rows:
        if question_id not in answered:
            continue
        answered[question_id] += 1
        for code in choices or ():
            per_option[question_id][code] = per_option[question_id].get(code, 0) + 1
    summaries = []
    for question in questions:
        options = ()
        if question.question_type in CODED_TYPES:
            counts = per_option[question.pk]
            offered = [code for code, _label in question.option_choices()]
            options = tuple(
                OptionCount(label=question.option_label(code), count=counts.get(code, 0))
                for code in offered + [code for code in counts if code not in offered]
            )
        summaries.append(
            QuestionSummary(question=question, answered=answered[question.pk], options=options)
        )
    return summaries
