"""Indicator fixtures: the seeded NMF indicators, people in every role, values in bulk."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from learning.accounts import organisation_claims as claims
from learning.indicators.models import Indicator, IndicatorValue
from learning.organisations.models import Organisation
from tests.factories import UserFactory


def municipalities(count: int, province: str | None = None) -> list[Organisation]:
    queryset = Organisation.objects.filter(kind="gemeente").order_by("cbs_code")
    if province:
        queryset = queryset.filter(province__name=province)
    return list(queryset[:count])


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def indicator(slug: str) -> Indicator:
    return Indicator.objects.prefetch_related("targets").get(slug=slug)


def add_values(indicator: Indicator, values_per_organisation: dict, years=(2023,)) -> None:
    """Bulk: per organisation one value per year (a number, or a list with one per year)."""
    rows = []
    for organisation, values in values_per_organisation.items():
        if not isinstance(values, list | tuple):
            values = [values] * len(years)
        for year, value in zip(years, values, strict=True):
            rows.append(
                IndicatorValue(
                    organisation=organisation,
                    indicator=indicator,
                    year=year,
                    value=Decimal(str(value)),
                    source_note="CBS",
                )
            )
    IndicatorValue.objects.bulk_create(rows)


@pytest.fixture
def people(db):
    """One person per role, around the first municipality ("own")."""
    own, other = municipalities(2)
    member = UserFactory(organisation=own, full_name="Anna de Boer")
    colleague = UserFactory(organisation=own, full_name="Bram Smit")
    stranger = UserFactory(organisation=other)
    pending = UserFactory(email="iemand@gmail.example", organisation=None)
    claims.claim_request(user=pending, organisation=own, explanation="Ik werk daar")
    pending.refresh_from_db()
    coordinator = UserFactory(organisation=None, full_name="Carla Coördinator")
    coordinator.groups.add(Group.objects.get(name="Coördinatoren"))
    editor = UserFactory(organisation=None, full_name="Eddy Redacteur")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "own": own,
        "other": other,
        "anonymous": None,
        "member": member,
        "colleague": colleague,
        "stranger": stranger,
        "pending": pending,
        "coordinator": coordinator,
        "editor": editor,
    }
