"""The quick serialized rollback (tests/fast_rollback.py) leaves exactly the rows Django's own
would: what Django serialized when it made the test database, read back with Django's
serializer after a flush and a restore."""

import pytest
from django.core.management import call_command
from django.db import connection

from learning.organisations.models import Organisation
from tests.factories import UserFactory
from tests.fast_rollback import SeedCopy


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_flush_and_serialized_rollback_give_back_the_seed_data_exactly():
    seed = connection._test_serialized_contents
    if connection.vendor == "postgresql":  # the quick way is the one in use here
        restore = connection.creation.deserialize_db_from_string
        assert isinstance(restore.__self__, SeedCopy) and restore.__self__.tables_with_rows
    assert connection.creation.serialize_db_to_string() == seed

    UserFactory()
    Organisation.objects.filter(cbs_code="GM0344").update(name="Gewijzigd")
    assert connection.creation.serialize_db_to_string() != seed

    # What Django's TransactionTestCase does between two such tests.
    call_command(
        "flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True
    )
    assert not Organisation.objects.exists()
    connection.creation.deserialize_db_from_string(seed)

    assert connection.creation.serialize_db_to_string() == seed
    if connection.vendor == "postgresql":
        # The foreign keys' triggers, off during the flush and the restore, are on again.
        with connection.cursor() as cursor:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"
    # The sequences went on counting: a new row does not collide with a restored one.
    UserFactory()
