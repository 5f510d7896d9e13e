from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterclassesConfig(AppConfig):
    name = "learning.masterclasses"
    label = "masterclasses"
    verbose_name = _("Masterclasses")

    def ready(self):
        from learning.calendar.registry import PageFeed, register_page_feed
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.events.agenda_filters import register_agenda_filter
        from learning.events.feeds import event_feed_content
        from learning.events.seat_groups import SeatGroupProvider, register_seat_group_provider
        from learning.outbox import renderers

        from . import agenda_filters, demo, handlers, models, notifications, search, services

        # The agenda's "doelgroep" filter (page and feed) is the masterclasses' audience.
        register_agenda_filter(agenda_filters.AUDIENCE_FILTER)
        search.register()

        # A masterclass's <page-url>agenda.ics is an event's feed (a MasterclassPage is an
        # EventPage); registered for its own type so that the calendar app lists it.
        register_page_feed(
            PageFeed(page_type=models.MasterclassPage, content=event_feed_content, public=True)
        )
        # A programme's limit per organisation holds for its masterclasses together: every
        # seat-giving service of the events app locks the programme before the masterclass.
        register_seat_group_provider(
            SeatGroupProvider(
                name="programmes",
                page_type=models.MasterclassPage,
                lock=services.masterclass_seat_group_lock,
            )
        )
        # A programme published with another limit: its masterclasses' waiting lists move.
        handlers.connect()
        # The one e-mail of a series enrolment.
        renderers.register(notifications.RENDERER, notifications.render)
        renderers.kinds_register(notifications.KIND_LABELS)
        # After the agenda (events, 30): the programme and its closing event.
        register_demo_loader(DemoLoader(name="masterclasses", order=35, load=demo.load))
