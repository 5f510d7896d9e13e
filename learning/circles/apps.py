from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CirclesConfig(AppConfig):
    name = "learning.circles"
    label = "circles"
    verbose_name = _("Leerkringen")
