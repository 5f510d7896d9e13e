"""`python manage.py load_demo`: the demo content. Safe to run twice (everything is upserted)."""

from types import SimpleNamespace

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from home import demo as home_demo
from learning.accounts import demo as accounts_demo
from learning.circles import demo as circles_demo
from learning.events import demo as events_demo
from learning.knowledge import demo as knowledge_demo
from learning.monitor import demo as monitor_demo
from learning.profiles import demo as profiles_demo

# Each part of the product adds its own demo module here, in dependency order.
DEMO_MODULES = [
    accounts_demo,
    home_demo,
    events_demo,
    circles_demo,
    profiles_demo,
    knowledge_demo,
    monitor_demo,
    # Last: verified organisation claims for the demo people the modules above made.
    SimpleNamespace(load=accounts_demo.load_claims),
]


class Command(BaseCommand):
    help = "Laadt de demo-inhoud (idempotent) en toont de demo-logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook laden als DEBUG uit staat (nooit op productie met echte gebruikers).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo maakt demo-accounts met bekende wachtwoorden en draait daarom alleen "
                "met DEBUG aan. Gebruik --force als u zeker weet dat dit geen productie is."
            )
        # Demo registrations queue e-mails like real ones; deliver them nowhere.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            for module in DEMO_MODULES:
                module.load()
        self.stdout.write(self.style.SUCCESS("Demo-inhoud geladen."))
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord voor iedereen: {accounts_demo.PASSWORD}):")
        for login in accounts_demo.LOGINS:
            self.stdout.write(f"  {login['email']:<40} {login['description']}")
        self.stdout.write("")
        self.stdout.write(f"Site: {settings.SITE_URL}/   Beheer: {settings.SITE_URL}/admin/")
