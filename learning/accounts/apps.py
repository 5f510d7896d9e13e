from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "learning.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default = True

    def ready(self):
        from learning.core.demo import DemoLoader, register_demo_loader
        from learning.organisations.services import (
            domains_added_register,
            domains_removed_register,
        )
        from learning.outbox import renderers

        from . import demo, handlers, notifications, personal_data
        from .organisation_claims import KIND_LABELS as CLAIM_KIND_LABELS
        from .organisation_claims import claims_recheck_for_domains, claims_verify_for_domains

        personal_data.register_builtin_providers()
        handlers.connect()
        domains_added_register(claims_verify_for_domains)
        domains_removed_register(claims_recheck_for_domains)
        renderers.register(notifications.RENDERER, notifications.render, confidential=True)
        renderers.kinds_register(notifications.KIND_LABELS)
        renderers.kinds_register(CLAIM_KIND_LABELS)
        register_demo_loader(
            DemoLoader(name="accounts", order=10, load=demo.load, notes=demo.login_notes)
        )
        # Last: verified organisation claims for the demo people the other loaders made.
        register_demo_loader(DemoLoader(name="accounts_claims", order=100, load=demo.load_claims))


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with forms that know full name, organisation and job role."""

    user_viewset = "learning.accounts.admin_views.UserViewSet"
