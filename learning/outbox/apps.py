from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "learning.outbox"
    label = "outbox"
    verbose_name = _("E-mails")

    def ready(self):
        from . import personal_data

        personal_data.register_provider()
