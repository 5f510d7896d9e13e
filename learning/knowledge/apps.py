from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "learning.knowledge"
    label = "knowledge"
    verbose_name = _("Kennisbank")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.outbox import renderers

        from . import demo, handlers, notifications, personal_data

        personal_data.register()
        handlers.connect()
        renderers.register(notifications.RENDERER, notifications.render)
        renderers.kinds_register(notifications.KIND_LABELS)
        register_demo_loader(DemoLoader(name="knowledge", order=60, load=demo.load))
        from . import home_blocks

        home_blocks.register_blocks()
