"""Reactions to Wagtail publishing. Only calls a service: the rules live there."""

from wagtail.signals import page_published


def _circle_published(sender, instance, **kwargs):
    from .models import LearningCirclePage
    from .services import circle_published

    if isinstance(instance, LearningCirclePage):
        circle_published(circle=instance)


def connect() -> None:
    page_published.connect(_circle_published, dispatch_uid="circles.published")
