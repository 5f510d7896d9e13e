"""The home page's block about pioneers (learning.core.homeblocks)."""

from learning.core.homeblocks import ANONYMOUS, HomeBlock, register

from . import selectors
from .models import ProfileIndexPage


def _offer(*, request) -> dict | None:
    profiles, count = selectors.profiles_home_summary(user=request.user)
    if not count:
        return None
    return {
        "profiles": profiles,
        "count": count,
        "index": ProfileIndexPage.objects.live().order_by("path").first(),
    }


def register_blocks() -> None:
    register(
        HomeBlock(
            name="pioneers",
            order=30,
            audience=ANONYMOUS,
            template="profiles/includes/home_offer.html",
            context=_offer,
        )
    )
