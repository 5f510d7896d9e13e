from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "learning.outbox"
    label = "outbox"
    verbose_name = _("E-mails")

    def ready(self):
        from . import backends, personal_data, renderers

        personal_data.register_provider()
        renderers.kinds_register(backends.KIND_LABELS)
