"""Reads for the series enrolment's confirmation page."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from learning.core.visibility import pages_visible_to
from learning.events.models import ACTIVE_STATUSES, SEAT_STATUSES, Registration
from learning.events.services import RegistrationError, check_eligible, check_window

from .models import Audience, MasterclassPage, ProgrammePage
from .services import Outcome, audience_fits, audience_refusal, programme_masterclasses


@dataclass(frozen=True)
class PlannedOutcome:
    """What enrolling in the series would do for one masterclass right now (a forecast: the
    enrolment itself decides under the locks)."""

    masterclass: MasterclassPage
    outcome: str  # an Outcome
    reason: str = ""

    @property
    def is_seat(self) -> bool:
        return self.outcome == Outcome.SEAT

    @property
    def is_waiting(self) -> bool:
        return self.outcome == Outcome.WAITING

    @property
    def is_already(self) -> bool:
        return self.outcome == Outcome.ALREADY


def programme_enrolment_preview(*, programme: ProgrammePage, user) -> list[PlannedOutcome]:
    """Per live masterclass of ``programme``, in date order: seat, waiting list, already
    registered, or skipped with the Dutch reason. Three queries whatever the number of
    masterclasses and registrations."""
    masterclasses = programme_masterclasses(programme=programme)
    organisation_id = user.organisation_id
    counts = {
        row["event_id"]: row
        for row in Registration.objects.filter(event__in=[m.pk for m in masterclasses])
        .values("event_id")
        .annotate(
            taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
            organisation_taken=Count(
                "pk", filter=Q(status__in=SEAT_STATUSES, organisation_id=organisation_id)
            ),
            mine=Count("pk", filter=Q(status__in=ACTIVE_STATUSES, user=user)),
        )
    }
    series_people = set()
    if programme.organisation_limit is not None and organisation_id is not None:
        series_people = set(
            Registration.objects.filter(
                event__in=[m.pk for m in masterclasses],
                status__in=SEAT_STATUSES,
                organisation_id=organisation_id,
                user__isnull=False,
            ).values_list("user_id", flat=True)
        )
    plans = []
    for masterclass in masterclasses:
        state = counts.get(masterclass.pk, {"taken": 0, "organisation_taken": 0, "mine": 0})
        plans.append(_plan(masterclass, user, state, programme, series_people))
    return plans


def _plan(masterclass, user, state, programme, series_people) -> PlannedOutcome:
    if state["mine"]:
        return PlannedOutcome(masterclass, Outcome.ALREADY)
    if not audience_fits(masterclass=masterclass, user=user):
        return PlannedOutcome(masterclass, Outcome.SKIPPED, audience_refusal(masterclass))
    try:
        check_window(event=masterclass)
        check_eligible(event=masterclass, user=user)
    except RegistrationError as error:
        return PlannedOutcome(masterclass, Outcome.SKIPPED, str(error.message))
    limit = masterclass.organisation_limit
    series_limit = programme.organisation_limit
    organisation = user.organisation_id
    if (
        (limit is not None and organisation is not None and state["organisation_taken"] >= limit)
        or state["taken"] >= masterclass.capacity
        or (
            series_limit is not None
            and organisation is not None
            and user.pk not in series_people
            and len(series_people) >= series_limit
        )
    ):
        return PlannedOutcome(masterclass, Outcome.WAITING)
    # The seat this plan expects makes the person one of the series' people.
    series_people.add(user.pk)
    return PlannedOutcome(masterclass, Outcome.SEAT)


HOME_RECOMMENDED = 3


def masterclasses_recommended(*, user, theme_ids=(), limit: int = HOME_RECOMMENDED) -> list:
    """Upcoming masterclasses (not cancelled, visible to ``user``) meant for the person's
    audience (``audience_fits``: their job role, or a mixed audience), that they have not
    registered for; those on one of ``theme_ids`` (their organisation's weakest themes) first,
    then the soonest. One query."""
    masterclasses = pages_visible_to(MasterclassPage.objects.live(), user).filter(
        starts_at__gte=timezone.now(), cancelled=False
    )
    audiences = [Audience.GEMENGD]
    if user.job_role in Audience.values:
        audiences.append(user.job_role)
    masterclasses = masterclasses.filter(audience__in=audiences).exclude(
        Exists(
            Registration.objects.filter(
                event_id=OuterRef("pk"), user=user, status__in=ACTIVE_STATUSES
            )
        )
    )
    theme_ids = list(theme_ids)
    if theme_ids:
        masterclasses = masterclasses.annotate(
            theme_matches=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
        ).order_by("-theme_matches", "starts_at", "pk")
    else:
        masterclasses = masterclasses.order_by("starts_at", "pk")
    return list(masterclasses[:limit])
