from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "learning.profiles"
    label = "profiles"
    verbose_name = _("Pioniersprofielen")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from learning.core import sitecache
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.organisations.models import Organisation

        from . import demo

        register_demo_loader(DemoLoader(name="profiles", order=50, load=demo.load))
        # A pioneer's card shows the organisation's name and kind, and the anonymous list of
        # pioneers is cached under the content generation (views.profile_index).
        post_save.connect(
            sitecache.forget, sender=Organisation, dispatch_uid="profiles-organisation-save"
        )
        post_delete.connect(
            sitecache.forget, sender=Organisation, dispatch_uid="profiles-organisation-del"
        )
        from . import home_blocks

        home_blocks.register_blocks()
