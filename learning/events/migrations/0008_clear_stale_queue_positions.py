"""Registrations that left the waiting list no longer keep their old place in it.

Until now a promotion (by a coordinator, from the waiting list, or an accepted offer) and a
cancellation left ``queue_position`` on the row, so a confirmed seat showed "plek 3 in de rij"
in the admin and the exports. The services now clear it on every path out of the list
(``services.waiting_list._leave_waiting_list``); this clears it on the existing rows.
"""

from django.db import migrations


def clear_stale_positions(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    Registration.objects.exclude(status="waiting").exclude(queue_position=None).update(
        queue_position=None
    )


class Migration(migrations.Migration):
    dependencies = [("events", "0007_coordinator_sections")]

    operations = [migrations.RunPython(clear_stale_positions, migrations.RunPython.noop)]
