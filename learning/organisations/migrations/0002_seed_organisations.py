"""Seed the Dutch public bodies from data/organisations.csv (reference date 1 January 2025)."""

from django.db import migrations


def seed(apps, schema_editor):
    from learning.organisations.seed import load_organisations

    load_organisations(apps.get_model("organisations", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
