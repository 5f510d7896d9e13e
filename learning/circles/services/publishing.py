"""What follows a publication of a circle page."""

from ..models import (
    LearningCirclePage,
)
from .access import circle_access_ensure
from .meetings import meetings_calendar_refresh, meetings_notify_changes, reports_notify


def circle_published(*, circle: LearningCirclePage) -> None:
    """Everything that follows a publication of a circle page (see handlers.py)."""
    circle = circle_access_ensure(circle=circle)
    changes = meetings_calendar_refresh(circle=circle)
    meetings_notify_changes(circle=circle, changes=changes)
    reports_notify(circle=circle)
