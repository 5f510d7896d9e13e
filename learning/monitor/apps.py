from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "learning.monitor"
    label = "monitor"
    verbose_name = _("Monitor circulair inkopen")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader

        from . import demo, personal_data

        personal_data.register()
        register_demo_loader(DemoLoader(name="monitor", order=70, load=demo.load))
        from . import home_blocks

        home_blocks.register_blocks()
