"""The home page's blocks about learning circles (learning.core.homeblocks)."""

from learning.core.homeblocks import ANONYMOUS, PERSONAL, HomeBlock, register

from . import selectors


def _offer(*, request) -> dict:
    return {"open": selectors.circles_open_for_applications(user=request.user)}


def _mine(*, request) -> dict | None:
    meetings = selectors.meetings_upcoming_of(user=request.user)
    return {"meetings": meetings} if meetings else None


def register_blocks() -> None:
    register(
        HomeBlock(
            name="circles",
            order=20,
            audience=ANONYMOUS,
            template="circles/includes/home_offer.html",
            context=_offer,
        )
    )
    register(
        HomeBlock(
            name="my_meetings",
            order=20,
            audience=PERSONAL,
            template="circles/includes/home_mine.html",
            context=_mine,
        )
    )
