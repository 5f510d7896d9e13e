from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "learning.certificates"
    label = "certificates"
    verbose_name = _("Deelnamebewijzen")

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.events.history import register_history_contributor

        from . import demo, handlers, history, personal_data

        personal_data.register()
        handlers.connect()
        register_history_contributor(history.CONTRIBUTOR)
        # After the programme (masterclasses, 35): its past demo masterclass.
        register_demo_loader(DemoLoader(name="certificates", order=38, load=demo.load))
