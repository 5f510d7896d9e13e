"""Check-in at the door: who is expected, in Dutch surname order, and how many came."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ..models import (
    EventPage,
    Registration,
    RegistrationStatus,
)

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
