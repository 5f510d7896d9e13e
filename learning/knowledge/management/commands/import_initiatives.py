"""Import the directory's organisations and initiatives from a CSV file.

    manage.py import_initiatives pad/naar/bestand.csv [--dry-run]

The columns and rules are in learning/knowledge/services/directory.py. Safe to run again:
existing names are updated, unchanged rows are left alone. Refused rows are listed with their
line number and the reason, in Dutch; the command then ends with exit status 1.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from learning.core.indexing import indexes_updated_at_the_end
from learning.knowledge.services import KnowledgeError, initiatives_import_file


class Command(BaseCommand):
    help = "Importeer organisaties en initiatieven voor het overzicht uit een CSV-bestand."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Het CSV-bestand (UTF-8, kolommen: zie de uitleg).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen controleren en melden wat er zou veranderen; niets opslaan.",
        )

    def handle(self, *args, path, dry_run=False, **options):
        try:
            with indexes_updated_at_the_end():
                report = initiatives_import_file(path=path, dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(_("Bestand niet gevonden: %(path)s") % {"path": path}) from None
        except KnowledgeError as error:
            raise CommandError(str(error.message)) from None
        for line, name, messages in report.refused:
            label = _("Regel %(line)d") % {"line": line} + (f" ({name})" if name else "")
            for message in messages:
                self.stderr.write(f"{label}: {message}")
        prefix = _("Proef, niets opgeslagen: ") if dry_run else ""
        self.stdout.write(prefix + report.summary)
        if report.refused:
            message = (
                _("%(count)d regel(s) zouden worden geweigerd.")
                if dry_run
                else _("%(count)d regel(s) geweigerd; de andere regels zijn verwerkt.")
            )
            raise CommandError(message % {"count": len(report.refused)})
