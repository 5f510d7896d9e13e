"""Every change to a model comes with its migration (the models of an app may move between the
modules of its package, as events/models did, without one)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_its_migration():
    # --check: exits non-zero when makemigrations would write a migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
