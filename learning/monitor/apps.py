from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "learning.monitor"
    label = "monitor"
    verbose_name = _("Monitor circulair inkopen")

    def ready(self):
        from . import personal_data

        personal_data.register()
