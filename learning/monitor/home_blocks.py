"""The home page's blocks about the monitor, and the masterclasses recommended from it
(learning.core.homeblocks)."""

from learning.core.homeblocks import ANONYMOUS, PERSONAL, HomeBlock, register
from learning.masterclasses.selectors import masterclasses_recommended

from . import selectors
from .models import MonitorPage


def _monitor_page():
    return MonitorPage.objects.live().order_by("path").first()


def _offer(*, request) -> dict | None:
    page = _monitor_page()
    if page is None:
        return None
    rounds = selectors.rounds_open()
    return {"monitor": page, "open_round": rounds[0] if rounds else None}


def _tasks(*, request) -> dict | None:
    tasks = selectors.monitor_tasks_for(user=request.user)
    if not tasks:
        return None
    return {"tasks": tasks, "monitor": _monitor_page()}


def _recommended(*, request) -> dict | None:
    user = request.user
    theme_ids = selectors.weakest_theme_ids(organisation_id=user.organisation_id)
    masterclasses = masterclasses_recommended(user=user, theme_ids=theme_ids)
    if not masterclasses:
        return None
    return {"masterclasses": masterclasses, "by_weakest_themes": bool(theme_ids)}


def register_blocks() -> None:
    register(
        HomeBlock(
            name="monitor",
            order=50,
            audience=ANONYMOUS,
            template="monitor/includes/home_offer.html",
            context=_offer,
        )
    )
    register(
        HomeBlock(
            name="monitor_tasks",
            order=30,
            audience=PERSONAL,
            template="monitor/includes/home_tasks.html",
            context=_tasks,
        )
    )
    register(
        HomeBlock(
            name="recommended_masterclasses",
            order=40,
            audience=PERSONAL,
            template="monitor/includes/home_recommended.html",
            context=_recommended,
        )
    )
