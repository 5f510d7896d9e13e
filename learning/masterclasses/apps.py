from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterclassesConfig(AppConfig):
    name = "learning.masterclasses"
    label = "masterclasses"
    verbose_name = _("Masterclasses")
