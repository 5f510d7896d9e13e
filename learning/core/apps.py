from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "learning.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self):
        from .sitecache import connect_signals

        connect_signals()
