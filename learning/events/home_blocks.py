"""The home page's blocks about events (learning.core.homeblocks)."""

from learning.core.homeblocks import ANONYMOUS, PERSONAL, HomeBlock, register

from . import selectors, timetable


def _offer(*, request) -> dict:
    return {"summary": selectors.events_upcoming_summary(user=request.user)}


def _mine(*, request) -> dict:
    return {
        # With their sessions (one query more, however many registrations).
        "registrations": timetable.prefetch_session_choices(
            selectors.registrations_upcoming_of(user=request.user)
        ),
        "agenda": selectors.events_upcoming_summary(user=request.user, limit=0).agenda,
    }


def register_blocks() -> None:
    register(
        HomeBlock(
            name="events",
            order=10,
            audience=ANONYMOUS,
            template="events/includes/home_offer.html",
            context=_offer,
        )
    )
    register(
        HomeBlock(
            name="my_registrations",
            order=10,
            audience=PERSONAL,
            template="events/includes/home_mine.html",
            context=_mine,
        )
    )
