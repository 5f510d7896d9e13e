from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "learning.indicators"
    label = "indicators"
    verbose_name = _("Indicatoren")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader

        from . import demo, personal_data

        personal_data.register()
        register_demo_loader(DemoLoader(name="indicators", order=75, load=demo.load))
