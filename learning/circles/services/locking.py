"""The circle's row lock, taken by every membership change inside its transaction."""

from django.db import transaction

from ..models import (
    LearningCirclePage,
)


def _lock_circle(circle_id: int) -> LearningCirclePage:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("circle locks are taken inside a transaction")
    return LearningCirclePage.objects.select_for_update().get(pk=circle_id)
