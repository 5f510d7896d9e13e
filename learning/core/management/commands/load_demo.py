"""`python manage.py load_demo`: the demo content. Safe to run twice (everything is upserted).

The apps register their loaders in learning.core.demo (AppConfig.ready()); this runs them in
their order and prints their notes (the demo logins).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from learning.core.demo import demo_loaders
from learning.core.indexing import indexes_updated_at_the_end


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
            indexes_updated_at_the_end(),
        ):
            loaders = demo_loaders()
            for loader in loaders:
                loader.load()
        self.stdout.write(self.style.SUCCESS("Demo-inhoud geladen."))
        for loader in loaders:
            if loader.notes is not None:
                self.stdout.write("")
                for line in loader.notes():
                    self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Site: {settings.SITE_URL}/   Beheer: {settings.SITE_URL}/admin/")
