"""Forget the bodies of the account e-mails stored before they were made at send time.

Until now password-reset and verification e-mails (kind "account") were stored whole, links
included. Their content goes; one still waiting to be sent cannot be sent without it and is
marked failed (the person asks for a new link). Not reversible: that is the point.
"""

from django.db import migrations

FORGOTTEN = "Inhoud gewist om veiligheidsredenen; vraag zo nodig een nieuwe link aan."


def forget(apps, schema_editor):
    OutboxMessage = apps.get_model("outbox", "OutboxMessage")
    account = OutboxMessage.objects.filter(kind="account")
    account.filter(status__in=["queued", "sending"]).update(
        status="failed", next_attempt_at=None, last_error=FORGOTTEN
    )
    account.update(text="", html="", attachments=[])


class Migration(migrations.Migration):
    dependencies = [("outbox", "0002_deferred_rendering")]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
