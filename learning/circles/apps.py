from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "learning.circles"
    label = "circles"
    verbose_name = _("Leerkringen")

    def ready(self):
        from learning.outbox import renderers

        from . import handlers, notifications, personal_data

        personal_data.register()
        handlers.connect()
        renderers.register(notifications.RENDERER, notifications.render)
