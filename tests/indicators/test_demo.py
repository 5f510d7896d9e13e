"""The demo: the monitor's municipalities report the indicators for several years."""

import pytest

from learning.accounts.models import User
from learning.indicators.models import Indicator, IndicatorValue
from tests.indicators.fixtures import client_for

pytestmark = pytest.mark.django_db


def test_demo_municipalities_report_several_years(demo_database):
    apeldoorn = User.objects.get(email="anouk.jansen@apeldoorn.example").organisation
    years = set(
        IndicatorValue.objects.filter(organisation=apeldoorn).values_list("year", flat=True)
    )
    assert years == {2021, 2022, 2023, 2024, 2025}
    assert IndicatorValue.objects.filter(organisation=apeldoorn).count() >= 5 * 6
    # Every value keeps its indicator's bounds.
    for indicator in Indicator.objects.all():
        rule = indicator.rule
        for value in IndicatorValue.objects.filter(indicator=indicator).values_list(
            "value", flat=True
        ):
            assert rule.minimum <= value <= rule.maximum
    # Zwolle's circular procurement for 2025 is left for the demo login to fill in.
    zwolle = User.objects.get(email="mohamed.elamrani@zwolle.example").organisation
    assert not IndicatorValue.objects.filter(
        organisation=zwolle, indicator__slug="circulair-inkopen", year=2025
    ).exists()


def test_the_demo_member_sees_trend_peers_and_target(demo_database):
    anouk = User.objects.get(email="anouk.jansen@apeldoorn.example")
    page = client_for(anouk).get("/indicatoren/restafval/").content.decode()
    assert "mediaan alle gemeenten" in page
    assert "Landelijk doel: 30,0 kg in 2025." in page
