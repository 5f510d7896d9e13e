from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "learning.events"
    label = "events"
    verbose_name = _("Agenda en aanmeldingen")

    def ready(self):
        from learning.outbox import renderers

        from . import handlers, notifications, personal_data

        personal_data.register()
        handlers.connect()
        renderers.register(notifications.RENDERER, notifications.render)
