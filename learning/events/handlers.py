"""Reactions to Wagtail publishing. Only calls a service: the rule itself lives there."""

from wagtail.signals import page_published


def _re_evaluate_waiting_list(sender, instance, **kwargs):
    from .models import EventPage
    from .services import event_calendar_refresh, event_notify_changes, event_settings_changed

    if isinstance(instance, EventPage):
        before = event_calendar_refresh(event=instance)
        if before is not None:
            event_notify_changes(event=instance, before=before)
        event_settings_changed(event=instance)


def connect() -> None:
    page_published.connect(_re_evaluate_waiting_list, dispatch_uid="events.re_evaluate")
