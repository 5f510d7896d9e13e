from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "learning.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self):
        from .search_index import organisations_index_missing

        # The seed migration's organisations into the site search's index (see the module).
        post_migrate.connect(
            organisations_index_missing, sender=self, dispatch_uid="organisations-index"
        )
