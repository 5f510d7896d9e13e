from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "learning.events"
    label = "events"
    verbose_name = _("Agenda en aanmeldingen")

    def ready(self):
        from learning.calendar.registry import PersonalFeedSource, register_personal_source
        from learning.outbox import renderers

        from . import calendars, handlers, notifications, personal_data, selectors

        personal_data.register()
        register_personal_source(
            PersonalFeedSource(
                name="events",
                aggregates=selectors.registrations_feed_aggregates,
                state=selectors.registrations_feed_state,
                add_items=calendars.add_registrations,
            )
        )
        handlers.connect()
        renderers.register(notifications.RENDERER, notifications.render)
