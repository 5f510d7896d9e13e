from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "learning.events"
    label = "events"
    verbose_name = _("Agenda en aanmeldingen")

    def ready(self):
        from learning.calendar.registry import (
            AgendaFeed,
            PageFeed,
            PersonalFeedSource,
            register_agenda_feed,
            register_page_feed,
            register_personal_source,
        )
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.outbox import renderers

        from . import (
            calendars,
            demo,
            feeds,
            handlers,
            models,
            notifications,
            personal_data,
            selectors,
        )

        personal_data.register()
        register_personal_source(
            PersonalFeedSource(
                name="events",
                aggregates=selectors.registrations_feed_aggregates,
                state=selectors.registrations_feed_state,
                add_items=calendars.add_registrations,
            )
        )
        # Subclasses (MasterclassPage) are served by this feed too; learning.masterclasses
        # registers it for its own type as well.
        register_page_feed(
            PageFeed(page_type=models.EventPage, content=feeds.event_feed_content, public=True)
        )
        register_agenda_feed(AgendaFeed(name="events", content=feeds.agenda_feed_content))
        handlers.connect()
        renderers.register(notifications.RENDERER, notifications.render)
        renderers.kinds_register(notifications.KIND_LABELS)
        register_demo_loader(DemoLoader(name="events", order=30, load=demo.load))
        from . import home_blocks

        home_blocks.register_blocks()
