from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "learning.knowledge"
    label = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self):
        from learning.outbox import renderers

        from . import handlers, notifications, personal_data

        personal_data.register()
        handlers.connect()
        renderers.register(notifications.RENDERER, notifications.render)
