"""Reads for events and registrations: what pages and listings show."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy

from learning.calendar.selectors import last_removal
from learning.core.visibility import pages_public, pages_visible_to

from .agenda_filters import agenda_filters_apply
from .models import (
    ACTIVE_STATUSES,
    CODED_TYPES,
    PARTICIPANT_STATUSES,
    SEAT_STATUSES,
    EventIndexPage,
    EventPage,
    EventRound,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    RegistrationStatus,
)


def events_managed_by(*, user) -> QuerySet[EventPage]:
    """The events whose registrations ``user`` may see, change and message in the admin.

    Superusers manage every event. Anyone else needs the ``events.change_registration``
    permission (the coordinators) and manages only the events whose page they may edit under
    Wagtail's page permissions: the sections their group was granted
    (``learning.events.coordination``). The same page permissions decide which outbox messages
    they see. One subquery, so listings can filter on it without a query per row.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return EventPage.objects.none()
    if user.is_superuser:
        return EventPage.objects.all()
    if not user.has_perm("events.change_registration"):
        return EventPage.objects.none()
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return EventPage.objects.filter(pk__in=pages.values("pk"))


@dataclass(frozen=True)
class SeatSummary:
    capacity: int
    taken: int
    waiting: int
    organisation_limit: int | None
    organisation_taken: int | None

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def organisation_seats_left(self) -> int | None:
        if self.organisation_limit is None or self.organisation_taken is None:
            return None
        return max(self.organisation_limit - self.organisation_taken, 0)


def event_seat_summary(*, event: EventPage, organisation_id=None) -> SeatSummary:
    """Seats taken, waiting list length and (for one organisation) its seats; one query."""
    counts = Registration.objects.filter(event_id=event.pk).aggregate(
        taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        organisation=Count(
            "pk", filter=Q(status__in=SEAT_STATUSES, organisation_id=organisation_id)
        ),
    )
    return SeatSummary(
        capacity=event.capacity,
        taken=counts["taken"],
        waiting=counts["waiting"],
        organisation_limit=event.organisation_limit,
        organisation_taken=counts["organisation"] if organisation_id else None,
    )


def registration_active_for(*, event: EventPage, user) -> Registration | None:
    """The person's active registration for ``event``, or None; ``registration.event`` is
    ``event`` itself (no further query)."""
    if not user.is_authenticated:
        return None
    registration = (
        Registration.objects.filter(event_id=event.pk, user=user, status__in=ACTIVE_STATUSES)
        .select_related("organisation")
        .first()
    )
    if registration is not None:
        registration.event = event
    return registration


def participant_user_ids(*, page) -> set[int]:
    """The people who take part in ``page``: a participant's registration
    (``PARTICIPANT_STATUSES``) for the event itself, or for any event below it (a programme's
    masterclasses). Anonymised registrations name nobody. One query."""
    registrations = Registration.objects.filter(
        status__in=PARTICIPANT_STATUSES, user__isnull=False
    ).filter(
        Q(event_id=page.pk) | Q(event__path__startswith=page.path, event__depth__gt=page.depth)
    )
    return set(registrations.values_list("user_id", flat=True))


def event_message_recipients(*, event: EventPage) -> QuerySet[Registration]:
    """Who a message to an event's participants reaches: everyone who has or had a seat,
    checked in or not (``PARTICIPANT_STATUSES``, the same people as
    ``participant_user_ids``), with their person; anonymised registrations name nobody.
    The one definition the count, the preview and the send all use."""
    return (
        Registration.objects.filter(
            event_id=event.pk, status__in=PARTICIPANT_STATUSES, user__isnull=False
        )
        .select_related("user")
        .order_by("created_at", "pk")
    )


def waiting_position(*, registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None when not waiting."""
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id,
        status=RegistrationStatus.WAITING,
    ).filter(
        Q(queue_position__lt=registration.queue_position)
        | Q(queue_position=registration.queue_position, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def registrations_of_user(*, user) -> QuerySet[Registration]:
    """The person's registrations, newest event first, with their waiting-list position."""
    ahead = (
        Registration.objects.filter(
            event_id=OuterRef("event_id"),
            status=RegistrationStatus.WAITING,
            queue_position__lte=OuterRef("queue_position"),
        )
        .order_by()
        .values("event_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "organisation")
        .annotate(position=Subquery(ahead[:1]))
        .order_by("-event__starts_at", "-created_at")
    )


def _filter_events(events, *, kind: str = "", theme: str = "", extra: dict | None = None):
    """The agenda's filters (type, theme, and the registered ones in ``extra``: parameter to
    value, see agenda_filters), shared by the page and the feed."""
    if kind == "masterclass":
        events = events.filter(masterclasspage__isnull=False)
    elif kind == "bijeenkomst":
        events = events.filter(masterclasspage__isnull=True)
    if extra:
        events = agenda_filters_apply(events, values=extra)
    if theme:
        events = events.filter(themes__slug=theme)
    return events


def events_for_agenda(
    *,
    past: bool = False,
    kind: str = "",
    theme: str = "",
    month: date | None = None,
    extra: dict | None = None,
) -> QuerySet[EventPage]:
    """Live, public events and masterclasses, upcoming (soonest first) or past (latest first)."""
    now = timezone.now()
    events = pages_public(EventPage.objects.live()).select_related("masterclasspage")
    events = events.filter(ends_at__lt=now) if past else events.filter(ends_at__gte=now)
    events = _filter_events(events, kind=kind, theme=theme, extra=extra)
    if month:
        events = events.filter(starts_at__year=month.year, starts_at__month=month.month)
    events = events.annotate(
        seats_taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES))
    ).prefetch_related("themes")
    return events.order_by("-starts_at" if past else "starts_at")


def events_seats_taken(*, event_ids) -> dict:
    """The seats taken of each of ``event_ids`` (the agenda's ``seats_taken``), by event id.
    One aggregate query, on every agenda request: its SQL is built once per number of ids."""
    event_ids = list(event_ids)
    if not event_ids:
        return {}
    sql, params = _seats_taken_sql(len(event_ids))
    # The placeholders for the ids hold -1, -2 …: the ids go in their places.
    params = [
        event_ids[-param - 1] if isinstance(param, int) and param < 0 else param for param in params
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        taken = dict(cursor.fetchall())
    return {event_id: taken.get(event_id, 0) for event_id in event_ids}


_SEATS_TAKEN_SQL: dict[int, tuple[str, list]] = {}


def _seats_taken_sql(count: int) -> tuple[str, list]:
    """The ORM's own statement for ``count`` ids (-1 … -count), made once per count."""
    if count not in _SEATS_TAKEN_SQL:
        query = (
            Registration.objects.filter(
                event_id__in=[-position for position in range(1, count + 1)],
                status__in=SEAT_STATUSES,
            )
            .order_by()
            .values("event_id")
            .annotate(taken=Count("pk"))
            .values_list("event_id", "taken")
        )
        sql, params = query.query.sql_with_params()
        _SEATS_TAKEN_SQL[count] = (sql, list(params))
    return _SEATS_TAKEN_SQL[count]


def agenda_changes_at() -> datetime | None:
    """When time alone next changes the agenda: the soonest end of a live event still to come
    (it moves from the upcoming to the past events). None when no event is still to come."""
    return (
        EventPage.objects.live()
        .filter(ends_at__gte=timezone.now())
        .aggregate(soonest=Min("ends_at"))["soonest"]
    )


# --- Calendar feeds --------------------------------------------------------------------------

# How long a cancelled event (public feeds) or a withdrawn registration (personal feed) stays
# in a feed as STATUS:CANCELLED, so subscribed calendars remove it instead of keeping it.
CALENDAR_CANCELLED_KEPT = timedelta(days=30)
# A person's past events stay in their personal feed for a year and a bit.
CALENDAR_PAST_KEPT = timedelta(days=400)


@dataclass(frozen=True)
class FeedState:
    """What a feed's ETag and Last-Modified are computed from: one aggregate query."""

    last_modified: datetime | None
    count: int
    extra: str = ""

    @property
    def etag(self) -> str:
        stamp = self.last_modified.timestamp() if self.last_modified else 0
        return f"{stamp:.6f}-{self.count}-{self.extra}"


def _public_live_events() -> QuerySet[EventPage]:
    """Live events outside any view restriction, as a single SQL query.

    ``PageQuerySet.public()`` would first read every restriction (an extra query); this
    subquery asks the same thing: is there a restriction on the page or on an ancestor?
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return EventPage.objects.live().filter(~Exists(restricted))


def _last_event_publication():
    """The newest publication of any event (live or not): the agenda's Last-Modified never
    moves backwards when its newest event leaves it."""
    return Subquery(
        EventPage.objects.exclude(last_published_at=None)
        .order_by("-last_published_at")
        .values("last_published_at")[:1]
    )


def _in_calendar_feed(now) -> Q:
    """Upcoming, and when cancelled, published less than CALENDAR_CANCELLED_KEPT ago."""
    return Q(ends_at__gte=now) & (
        Q(cancelled=False) | Q(last_published_at__gte=now - CALENDAR_CANCELLED_KEPT)
    )


def events_for_calendar_feed(
    *, kind: str = "", theme: str = "", extra: dict | None = None
) -> QuerySet[EventPage]:
    """The agenda feed: upcoming public events and masterclasses, soonest first.

    Cancelled ones stay for CALENDAR_CANCELLED_KEPT after their (last) publication so that
    subscribed calendars show them as cancelled. The online link is never part of this feed.
    """
    events = _public_live_events().filter(_in_calendar_feed(timezone.now()))
    events = _filter_events(events, kind=kind, theme=theme, extra=extra)
    return events.order_by("starts_at", "pk")


def calendar_feed_state(*, kind: str = "", theme: str = "", extra: dict | None = None) -> FeedState:
    """The agenda feed's Last-Modified and count (its ETag), in one query.

    Every change of an event is a publication (which also raises its SEQUENCE when needed).
    Events also leave the feed as time passes: when they end, and when a cancellation is
    older than CALENDAR_CANCELLED_KEPT. Those moments count as modifications too, so a
    calendar that only sends If-Modified-Since does not keep an event that has gone.
    """
    now = timezone.now()
    in_feed = _in_calendar_feed(now)
    events = _filter_events(_public_live_events(), kind=kind, theme=theme, extra=extra)
    state = events.order_by().aggregate(
        published=Max("last_published_at", filter=in_feed),
        count=Count("pk", filter=in_feed),
        ended=Max("ends_at", filter=Q(ends_at__lt=now)),
        cancellation_aged=Max(
            "last_published_at",
            filter=Q(
                ends_at__gte=now,
                cancelled=True,
                last_published_at__lt=now - CALENDAR_CANCELLED_KEPT,
            ),
        ),
        published_any=Max(_last_event_publication()),
        removed=Max(last_removal()),
    )
    moments = [state["published"], state["ended"], state["published_any"], state["removed"]]
    if state["cancellation_aged"]:
        moments.append(state["cancellation_aged"] + CALENDAR_CANCELLED_KEPT)
    moments = [moment for moment in moments if moment]
    return FeedState(max(moments) if moments else None, state["count"])


def _earlier_registrations():
    # For ical.personal_sequence: the person's earlier registrations for the same event.
    return Subquery(
        Registration.objects.filter(
            event_id=OuterRef("event_id"), user_id=OuterRef("user_id"), pk__lt=OuterRef("pk")
        )
        .values("event_id")
        .annotate(count=Count("pk"))
        .values("count")
    )


def registrations_for_calendar(*, user) -> list[Registration]:
    """The personal feed: one registration per event, each with its event (one query).

    Active registrations for events that ended less than CALENDAR_PAST_KEPT ago or are still
    to come, and the person's own withdrawals of the last CALENDAR_CANCELLED_KEPT.
    Where someone withdrew and registered again, the active registration wins (one UID per
    event in a calendar).
    """
    now = timezone.now()
    registrations = (
        Registration.objects.filter(
            user=user, event__live=True, event__ends_at__gte=now - CALENDAR_PAST_KEPT
        )
        .filter(
            Q(status__in=ACTIVE_STATUSES)
            | Q(
                status=RegistrationStatus.CANCELLED,
                cancelled_at__gte=now - CALENDAR_CANCELLED_KEPT,
            )
        )
        .select_related("event")
        .annotate(earlier_registrations=Coalesce(_earlier_registrations(), 0))
        .order_by("event__starts_at", "event_id", "-updated_at")
    )
    chosen: dict[int, Registration] = {}
    for registration in registrations:
        current = chosen.get(registration.event_id)
        if current is None or (not current.is_active and registration.is_active):
            chosen[registration.event_id] = registration
    return list(chosen.values())


def registrations_feed_aggregates() -> dict:
    """The personal feed's state (learning.calendar.personal): aggregates over a User
    queryset for the person's registrations and their events."""
    return {
        "registrations_changed": Max("registrations__updated_at"),
        "registrations_published": Max("registrations__event__last_published_at"),
        "registrations_count": Count("registrations", distinct=True),
        "registrations_live": Count(
            "registrations", filter=Q(registrations__event__live=True), distinct=True
        ),
    }


def registrations_feed_state(*, user, values: dict) -> tuple:
    """(last change, state string) from the values of ``registrations_feed_aggregates``."""
    moments = [values["registrations_changed"], values["registrations_published"]]
    moments = [moment for moment in moments if moment]
    last = max(moments) if moments else None
    stamp = last.timestamp() if last else 0
    return last, (
        f"registrations-{stamp:.6f}-{values['registrations_count']}-{values['registrations_live']}"
    )


# --- Registration questions and answers -------------------------------------------------------


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


# --- Check-in at the door --------------------------------------------------------------------

# Who is expected at the door: every confirmed seat, checked in or not (yet).
CHECKIN_LIST_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
# Dutch surname prefixes ("tussenvoegsels"): "Anna van der Berg" is sorted under B.
_SURNAME_PREFIXES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "het",
        "ten",
        "ter",
        "te",
        "in",
        "'t",
        "\u2019t",
        "op",
        "la",
        "le",
        "du",
    }
)


def surname_sort_key(full_name: str) -> tuple[str, str]:
    """(surname, rest) for sorting by surname the Dutch way: the last word and the words
    before it that are not prefixes; prefixes ("van der") are ignored, as in a phone book."""
    words = full_name.split()
    if not words:
        return ("", "")
    index = len(words) - 1
    # A double surname such as "Jansen-de Vries" stays one word; only prefixes are skipped.
    while index > 1 and words[index - 1].lower() in _SURNAME_PREFIXES:
        index -= 1
    surname = " ".join(w for w in words[index:] if w.lower() not in _SURNAME_PREFIXES)
    first = " ".join(words[:index])
    return (surname.casefold(), first.casefold())


def registration_sort_key(registration: Registration) -> tuple:
    user = registration.user
    name = (user.full_name or user.email) if user else ""
    return (*surname_sort_key(name), registration.pk)


def checkin_people(*, event: EventPage) -> list[Registration]:
    """Everyone expected at the door of ``event`` (confirmed, checked in, no-show), with
    person and organisation, sorted by surname. One query, however many people."""
    registrations = Registration.objects.filter(
        event_id=event.pk, status__in=CHECKIN_LIST_STATUSES
    ).select_related("user", "organisation")
    people = list(registrations)
    for registration in people:
        registration.event = event
    people.sort(key=registration_sort_key)
    return people


@dataclass(frozen=True)
class CheckinCount:
    checked_in: int
    expected: int


def checkin_count(*, event_id: int) -> CheckinCount:
    """Checked in / expected for the count on the check-in screen; one query."""
    counts = Registration.objects.filter(
        event_id=event_id, status__in=CHECKIN_LIST_STATUSES
    ).aggregate(
        expected=Count("pk"),
        checked_in=Count("pk", filter=Q(status=RegistrationStatus.ATTENDED)),
    )
    return CheckinCount(checked_in=counts["checked_in"], expected=counts["expected"])


# --- Home page -------------------------------------------------------------------------------

HOME_UPCOMING = 3
HOME_MY_REGISTRATIONS = 5


@dataclass(frozen=True)
class UpcomingSummary:
    events: list
    masterclass_count: int
    event_count: int
    agenda: EventIndexPage | None


def events_upcoming_summary(*, user, limit: int = HOME_UPCOMING) -> UpcomingSummary:
    """The next events and masterclasses that are not cancelled and that ``user`` may see,
    with how many there are of each (three queries, however many events)."""
    now = timezone.now()
    upcoming = pages_visible_to(EventPage.objects.live(), user).filter(
        ends_at__gte=now, cancelled=False
    )
    counts = upcoming.aggregate(
        masterclasses=Count("pk", filter=Q(masterclasspage__isnull=False)),
        events=Count("pk", filter=Q(masterclasspage__isnull=True)),
    )
    return UpcomingSummary(
        events=list(upcoming.select_related("masterclasspage").order_by("starts_at", "pk")[:limit]),
        masterclass_count=counts["masterclasses"],
        event_count=counts["events"],
        agenda=EventIndexPage.objects.live().order_by("path").first(),
    )


def registrations_upcoming_of(*, user, limit: int = HOME_MY_REGISTRATIONS) -> list[Registration]:
    """The person's registrations (a seat or a place on the waiting list) for events that have
    not ended, soonest first; one query."""
    return list(
        Registration.objects.filter(
            user=user,
            status__in=ACTIVE_STATUSES,
            event__live=True,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")[:limit]
    )
