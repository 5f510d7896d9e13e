from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Startpagina")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader

        from . import demo

        register_demo_loader(DemoLoader(name="home", order=20, load=demo.load))
