"""Enrolling in a whole programme of masterclasses, and the programme's lock.

The registration rules stay in learning.events: a series enrolment runs
``registration_create_locked`` for each masterclass, after taking the programme's lock, the
lock every seat-giving path of the events app takes first for a masterclass
(learning.events.seat_groups, registered in apps.py).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from learning.core.errors import DomainError
from learning.events.models import Registration, RegistrationStatus, WaitReason
from learning.events.seat_groups import SeatGroup
from learning.events.services import (
    AnswersRefused,
    RegistrationError,
    check_can_register,
    registration_create_locked,
    waitlist_fill,
)

from . import notifications
from .models import Audience, MasterclassPage, ProgrammePage


class SeriesError(DomainError):
    """A refused series enrolment: a code for programs, a Dutch message for people."""


def _series_error(code: str) -> SeriesError:
    messages = {
        "no_masterclasses": gettext_lazy(
            "Deze reeks heeft nog geen masterclasses waarvoor u zich kunt aanmelden."
        ),
    }
    return SeriesError(code, messages[code])


class Outcome:
    """What a series enrolment did for one masterclass (codes in the e-mail's payload)."""

    SEAT = "seat"
    WAITING = "waiting"
    ALREADY = "already"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class SeriesOutcome:
    masterclass: MasterclassPage
    outcome: str  # an Outcome
    reason: str = ""  # Dutch: why skipped, or why waiting
    registration: Registration | None = None

    @property
    def is_seat(self) -> bool:
        return self.outcome == Outcome.SEAT

    @property
    def is_waiting(self) -> bool:
        return self.outcome == Outcome.WAITING

    @property
    def is_already(self) -> bool:
        return self.outcome == Outcome.ALREADY

    @property
    def is_skipped(self) -> bool:
        return self.outcome == Outcome.SKIPPED


def _masterclasses_of(*, programme_path: str):
    depth = len(programme_path) // Page.steplen + 1
    return MasterclassPage.objects.filter(path__startswith=programme_path, depth=depth)


def programme_lock(*, programme_path: str) -> SeatGroup | None:
    """Take the programme's row lock (inside a transaction) and return its masterclasses as a
    seat group: two queries (one without a limit for the series); None when no programme is at
    ``programme_path``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("programme_lock must be called inside transaction.atomic()")
    row = (
        ProgrammePage.objects.select_for_update(of=("self",))
        .filter(path=programme_path)
        .values_list("pk", "organisation_limit")
        .first()
    )
    if row is None:
        return None
    pk, limit = row
    event_ids = ()
    if limit is not None:
        event_ids = tuple(
            sorted(_masterclasses_of(programme_path=programme_path).values_list("pk", flat=True))
        )
    return SeatGroup(key=f"programme:{pk}", organisation_limit=limit, event_ids=event_ids)


def masterclass_seat_group_lock(*, event) -> SeatGroup | None:
    """The seat group of a masterclass: its programme (the page above it)."""
    return programme_lock(programme_path=event.path[: -Page.steplen])


def audience_fits(*, masterclass: MasterclassPage, user) -> bool:
    """A masterclass for a mixed audience fits everyone; one for bestuur, beleid or uitvoering
    fits the people with that job role (the roles and the audiences share their codes)."""
    return masterclass.audience == Audience.GEMENGD or masterclass.audience == user.job_role


def audience_refusal(masterclass: MasterclassPage) -> str:
    return _("Bedoeld voor een andere doelgroep (%(audience)s).") % {
        "audience": masterclass.get_audience_display()
    }


def programme_masterclasses(*, programme: ProgrammePage) -> list[MasterclassPage]:
    """The live, public masterclasses of the programme in date order (one query)."""
    return list(
        MasterclassPage.objects.child_of(programme).live().public().order_by("starts_at", "pk")
    )


def programme_enrol(*, programme: ProgrammePage, user) -> list[SeriesOutcome]:
    """Enrol ``user`` in every masterclass of ``programme`` that fits them, in one transaction.

    For each live masterclass, in date order: a seat, or a place on the waiting list (with
    its reason) under exactly the rules of a single registration
    (``registration_create_locked``: window, eligibility, capacity, the masterclass's and the
    programme's limit per organisation); skipped with a Dutch reason when it is for another
    audience, closed, past or refused; "already" when the person is registered. The
    programme's lock is held from the first masterclass to the last, so simultaneous
    enrolments of colleagues are served one after the other, each for the whole series: with
    a limit of three for the series, the first three people get every seat that fits them.

    One e-mail lists the outcome per masterclass (none when nothing changed); the
    per-masterclass confirmations are not sent. Refuses (``RegistrationError``) someone who
    may not register at all (not logged in, address not verified), and a programme without
    masterclasses (``SeriesError``).
    """
    check_can_register(user=user)
    masterclasses = programme_masterclasses(programme=programme)
    if not masterclasses:
        raise _series_error("no_masterclasses")
    outcomes: list[SeriesOutcome] = []
    with transaction.atomic():
        group = programme_lock(programme_path=programme.path)
        for masterclass in masterclasses:
            outcomes.append(_enrol_one(masterclass=masterclass, user=user, group=group))
        if any(item.registration is not None for item in outcomes):
            notifications.series_enrolled(programme=programme, user=user, outcomes=outcomes)
    return outcomes


def programme_settings_changed(*, programme: ProgrammePage, actor=None) -> list[Registration]:
    """After the programme's limit per organisation changes (a publication), re-evaluate the
    waiting lists of its masterclasses: a higher limit, or none, lets colleagues in."""
    masterclasses = list(
        MasterclassPage.objects.child_of(programme)
        .order_by("pk")
        .only("pk", "path", "content_type")
    )
    if not masterclasses:
        return []
    if programme.organisation_limit is not None:
        # One fill covers the whole series (learning.events.services.waitlist_fill).
        return waitlist_fill(event=masterclasses[0], actor=actor)
    promoted: list[Registration] = []
    for masterclass in masterclasses:
        promoted += waitlist_fill(event=masterclass, actor=actor)
    return promoted


def _enrol_one(*, masterclass: MasterclassPage, user, group) -> SeriesOutcome:
    if not audience_fits(masterclass=masterclass, user=user):
        return SeriesOutcome(masterclass, Outcome.SKIPPED, audience_refusal(masterclass))
    try:
        # A savepoint per masterclass: a refusal after the row was written (required
        # registration questions, which a series enrolment does not ask) leaves nothing.
        with transaction.atomic():
            registration = registration_create_locked(
                event=masterclass,
                user=user,
                seat_group=group,
                notify=False,
                reason=_("Aanmelding voor de hele reeks"),
            )
    except AnswersRefused:
        return SeriesOutcome(
            masterclass,
            Outcome.SKIPPED,
            _(
                "Deze masterclass stelt verplichte vragen bij het aanmelden. Meld u er apart "
                "voor aan op de pagina van de masterclass."
            ),
        )
    except RegistrationError as error:
        if error.code == "already_registered":
            return SeriesOutcome(masterclass, Outcome.ALREADY, str(error.message))
        return SeriesOutcome(masterclass, Outcome.SKIPPED, str(error.message))
    if registration.status == RegistrationStatus.WAITING:
        return SeriesOutcome(
            masterclass, Outcome.WAITING, _waiting_reason(registration, group), registration
        )
    return SeriesOutcome(masterclass, Outcome.SEAT, "", registration)


def _waiting_reason(registration: Registration, group) -> str:
    if registration.wait_reason == WaitReason.SERIES_FULL:
        return _(
            "Uw organisatie heeft het maximum van %(limit)s deelnemers voor de hele reeks bereikt."
        ) % {"limit": group.organisation_limit}
    if registration.wait_reason == WaitReason.ORGANISATION_FULL:
        return _(
            "Uw organisatie heeft het maximum van %(limit)s deelnemers voor deze masterclass "
            "bereikt."
        ) % {"limit": registration.event.organisation_limit}
    return _("Alle plaatsen zijn bezet.")
