from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "learning.profiles"
    label = "profiles"
    verbose_name = _("Pioniersprofielen")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader

        from . import demo

        register_demo_loader(DemoLoader(name="profiles", order=50, load=demo.load))
