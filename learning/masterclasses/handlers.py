"""Reactions to Wagtail publishing. Only calls a service: the rule itself lives there."""

from wagtail.signals import page_published


def _re_evaluate_series(sender, instance, **kwargs):
    from .models import ProgrammePage
    from .services import programme_settings_changed

    if isinstance(instance, ProgrammePage):
        programme_settings_changed(programme=instance)


def connect() -> None:
    page_published.connect(_re_evaluate_series, dispatch_uid="masterclasses.re_evaluate")
