"""The home page's block about the knowledge base (learning.core.homeblocks)."""

from learning.core.homeblocks import ANONYMOUS, HomeBlock, register

from . import selectors


def _offer(*, request) -> dict | None:
    summary = selectors.knowledge_home_summary(user=request.user)
    return summary if summary["index"] is not None else None


def register_blocks() -> None:
    register(
        HomeBlock(
            name="knowledge",
            order=40,
            audience=ANONYMOUS,
            template="knowledge/includes/home_offer.html",
            context=_offer,
        )
    )
