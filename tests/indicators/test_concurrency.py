"""Colleagues entering the same year's value at the same moment, on PostgreSQL (each in its
own thread and connection, as gunicorn workers would): one value is stored, everyone else is
refused with the stored value named, and nothing is half-written."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from learning.indicators.errors import IndicatorError
from learning.indicators.models import IndicatorValue, IndicatorValueLog
from learning.indicators.services import indicator_value_save
from tests.conftest import require_service
from tests.factories import UserFactory
from tests.indicators.fixtures import indicator, municipalities

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKERS = 6


def test_simultaneous_first_values_store_one_and_refuse_the_rest():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    organisation = municipalities(1)[0]
    members = [UserFactory(organisation=organisation) for _ in range(WORKERS)]
    waste = indicator("afvalscheiding")
    year = timezone.localdate().year - 1
    start = threading.Barrier(WORKERS)

    def one(index):
        try:
            start.wait()
            indicator_value_save(
                organisation=organisation,
                indicator=waste,
                year=year,
                value=Decimal(40 + index),
                source_note=f"Bron {index}",
                user=members[index],
                version=None,
            )
            return "saved"
        except IndicatorError as refused:
            return refused.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        outcomes = list(pool.map(one, range(WORKERS)))
    assert outcomes.count("saved") == 1
    assert outcomes.count("conflict") == WORKERS - 1
    stored = IndicatorValue.objects.get()
    assert IndicatorValueLog.objects.filter(value=stored).count() == 1
    assert stored.version == 1
