from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "learning.evaluations"
    label = "evaluations"
    verbose_name = _("Evaluaties")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.events.history import HistoryContributor, register_history_contributor
        from learning.outbox import renderers

        from . import demo, history, notifications, personal_data

        personal_data.register()
        renderers.register(notifications.RENDERER, notifications.render)
        renderers.kinds_register(notifications.KIND_LABELS)
        register_history_contributor(
            HistoryContributor(name="evaluations", links=history.links, tasks=history.tasks)
        )
        # After the apps it evaluates (events 30, masterclasses 35, circles 40) and the rest.
        register_demo_loader(DemoLoader(name="evaluations", order=80, load=demo.load))
