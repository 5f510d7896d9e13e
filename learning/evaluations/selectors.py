"""Reads for evaluations: which surveys a coordinator sees, and their results.

Results follow one rule (``MIN_RESPONSES``): fewer than five responses show nothing, not even
per question, because with three answers a coordinator who knows who came can often tell who
said what. The same holds for the answers without a name: the named rows (in the export, by
name) subtracted from the totals leave the anonymous ones, so these too must be none or at
least five. A programme adds up only the surveys that pass that rule each, so the
programme's figures minus one visible event never reveal a smaller one.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from learning.circles.models import LearningCirclePage
from learning.circles.selectors import memberships_managed_by, user_is_editor
from learning.events.selectors import events_managed_by

from .models import QuestionKind, Response, Survey
from .questions import RATINGS

MIN_RESPONSES = 5


def results_may_show(*, count: int, anonymous: int) -> bool:
    """Whether results of ``count`` responses, ``anonymous`` of them without a name, may be
    shown: at least ``MIN_RESPONSES``, and the anonymous ones none or at least as many (four
    named and one anonymous response would single that one out)."""
    return count >= MIN_RESPONSES and (anonymous == 0 or anonymous >= MIN_RESPONSES)


def circles_managed_by(*, user) -> QuerySet[LearningCirclePage]:
    """The circles whose evaluations ``user`` sees: as the circle's own admin screens
    (superusers and editors all, a coordinator their circles)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return LearningCirclePage.objects.none()
    if user.is_superuser or user_is_editor(user):
        return LearningCirclePage.objects.all()
    return LearningCirclePage.objects.filter(
        pk__in=memberships_managed_by(user=user).values("circle_id")
    )


def surveys_managed_by(*, user) -> QuerySet[Survey]:
    """The surveys whose results ``user`` may see: of the events they manage
    (``events_managed_by``) and of the meetings of the circles they coordinate."""
    return Survey.objects.filter(
        Q(event__in=events_managed_by(user=user).values("pk"))
        | Q(meeting__circle__in=circles_managed_by(user=user).values("pk"))
    )


def user_has_evaluations(*, user) -> bool:
    """Whether the admin menu shows the evaluations: for who manages events or circles."""
    return events_managed_by(user=user).exists() or circles_managed_by(user=user).exists()


def surveys_listing(*, user) -> QuerySet[Survey]:
    """For the admin's list: the managed surveys with their response counts, newest first."""
    return (
        surveys_managed_by(user=user)
        .select_related("event", "meeting__circle")
        .annotate(response_count=Count("responses"))
        .order_by("-opened_at", "-pk")
    )


@dataclass
class QuestionResult:
    key: str
    kind: str
    label: str
    # rating: [(1, count, percentage) … (5, …)]; choice: [(choice, count, percentage)]
    distribution: list = field(default_factory=list)
    mean: float | None = None
    answered: int = 0
    # text: [(answer, name or "")], names only where the person agreed
    texts: list = field(default_factory=list)

    @property
    def is_rating(self) -> bool:
        return self.kind == QuestionKind.RATING

    @property
    def is_text(self) -> bool:
        return self.kind == QuestionKind.TEXT


@dataclass
class Results:
    count: int
    shown: bool
    questions: list[QuestionResult]
    responses: list[Response]
    surveys_left_out: int = 0
    min_responses: int = MIN_RESPONSES
    anonymous: int = 0


def _questions_of(surveys) -> list[dict]:
    """The questions of ``surveys`` in order, each key once (a programme's surveys mostly ask
    the same default questions)."""
    seen: dict[str, dict] = {}
    for survey in surveys:
        for question in survey.questions:
            seen.setdefault(question["key"], question)
    return list(seen.values())


def results_for(*, surveys: list[Survey]) -> Results:
    """Distribution and mean per rating and choice question, the open answers (with a name
    only where the person agreed) and the rows for the export; nothing when there are fewer
    than ``MIN_RESPONSES`` responses. Two queries however many responses (responses, names)."""
    responses = list(
        Response.objects.filter(survey__in=surveys)
        .select_related("named_user")
        .order_by("pk")  # random keys: the order says nothing about who answered when
    )
    count = len(responses)
    anonymous = sum(1 for response in responses if response.named_user_id is None)
    questions = _questions_of(surveys)
    if not results_may_show(count=count, anonymous=anonymous):
        return Results(count=count, shown=False, questions=[], responses=[], anonymous=anonymous)
    results = []
    for question in questions:
        key, kind = question["key"], question["kind"]
        result = QuestionResult(key=key, kind=kind, label=question["label"])
        values = [r.answers[key] for r in responses if r.answers.get(key) not in (None, "")]
        result.answered = len(values)
        if kind == QuestionKind.TEXT:
            result.texts = [
                (r.answers[key], r.named_user.full_name if r.named_user else "")
                for r in responses
                if r.answers.get(key)
            ]
        else:
            counts = Counter(values)
            options = RATINGS if kind == QuestionKind.RATING else question["choices"]
            result.distribution = [
                (option, counts[option], round(100 * counts[option] / len(values)) if values else 0)
                for option in options
            ]
            if kind == QuestionKind.RATING and values:
                result.mean = round(sum(values) / len(values), 1)
        results.append(result)
    return Results(
        count=count, shown=True, questions=results, responses=responses, anonymous=anonymous
    )


def programme_results(*, programme, user) -> Results:
    """The results of a programme's events that ``user`` manages, counting only the surveys
    whose own results may show (``results_may_show``)."""
    surveys = list(
        surveys_managed_by(user=user)
        .filter(
            event__path__startswith=programme.path,
            event__depth=programme.depth + 1,
            opened_at__isnull=False,
        )
        .annotate(
            response_count=Count("responses"),
            anonymous_count=Count("responses", filter=Q(responses__named_user__isnull=True)),
        )
    )
    counted = [
        survey
        for survey in surveys
        if results_may_show(count=survey.response_count, anonymous=survey.anonymous_count)
    ]
    results = results_for(surveys=counted)
    results.surveys_left_out = len(surveys) - len(counted)
    return results


def open_surveys_for(*, user, now=None) -> QuerySet[Survey]:
    """Open surveys ``user`` has not answered (attendance is checked by the callers' own
    filters: ``history``)."""
    now = now or timezone.now()
    return Survey.objects.filter(opened_at__lte=now, closes_at__gt=now).exclude(
        submissions__user=user
    )
