from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutesConfig(AppConfig):
    name = "learning.routes"
    label = "routes"
    verbose_name = _("Routekaart")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader

        from . import demo, personal_data

        personal_data.register()
        register_demo_loader(DemoLoader(name="routes", order=75, load=demo.load))
