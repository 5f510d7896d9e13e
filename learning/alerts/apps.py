from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "learning.alerts"
    label = "alerts"
    verbose_name = _("Volgen en meldingen")

    def ready(self):
        from learning.outbox import renderers

        from . import followables, notifications, personal_data

        followables.register_defaults()
        personal_data.register()
        renderers.kinds_register(notifications.KIND_LABELS)
