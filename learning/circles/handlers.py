"""Reactions to Wagtail publishing. Only calls a service: the rules live there."""

from django.db.models.signals import pre_delete
from wagtail.signals import page_published


def _circle_published(sender, instance, **kwargs):
    from .models import LearningCirclePage
    from .services import circle_published

    if isinstance(instance, LearningCirclePage):
        circle_published(circle=instance)


def _meeting_deleted(sender, instance, **kwargs):
    from .services import meeting_removed

    meeting_removed(meeting=instance)


def connect() -> None:
    from .models import CircleMeeting

    page_published.connect(_circle_published, dispatch_uid="circles.published")
    pre_delete.connect(_meeting_deleted, sender=CircleMeeting, dispatch_uid="circles.meeting")
