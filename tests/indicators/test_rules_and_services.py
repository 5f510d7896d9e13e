"""Writing values: who may, what is valid, and never overwriting a colleague unseen."""

from decimal import Decimal

import pytest
from django.utils import timezone

from learning.indicators.errors import IndicatorError
from learning.indicators.models import IndicatorValue, IndicatorValueLog
from learning.indicators.services import indicator_value_save
from tests.indicators.fixtures import indicator

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def save(people, who="member", slug="afvalscheiding", year=LAST_YEAR, value="55", **kwargs):
    return indicator_value_save(
        organisation=people["own"],
        indicator=indicator(slug),
        year=year,
        value=Decimal(value),
        source_note=kwargs.pop("source_note", "CBS afvalstatistiek"),
        user=people[who],
        version=kwargs.pop("version", None),
    )


def test_the_nmf_set_is_seeded_with_the_national_targets():
    procurement = indicator("circulair-inkopen")
    assert [(t.year, t.value) for t in procurement.targets.order_by("year")] == [
        (2025, Decimal("50")),
        (2030, Decimal("100")),
    ]
    assert indicator("restafval").direction == "lager"
    assert indicator("afvalscheiding").targets.get().value == Decimal("75")
    slugs = set(
        IndicatorValue._meta.get_field("indicator").related_model.objects.values_list(
            "slug", flat=True
        )
    )
    assert {
        "mpg-nieuwbouw",
        "afvalscheiding",
        "restafval",
        "circulair-inkopen",
        "eigen-afval",
        "bereik-communicatie",
        "circulaire-bedrijven",
        "co2-prestatieladder",
    } <= slugs


def test_a_member_saves_and_changes_a_value_with_a_log(people):
    stored = save(people)
    assert stored.version == 1 and stored.updated_by == people["member"]
    changed = save(people, who="colleague", value="57.5", version=1)
    assert changed.version == 2 and changed.value == Decimal("57.5")
    log = list(IndicatorValueLog.objects.filter(value=stored).values_list("action", "to_status"))
    assert log == [("entered", "55"), ("changed", "57.5")]
    # The same figures again change nothing.
    assert save(people, who="colleague", value="57.5", version=2).version == 2
    assert IndicatorValueLog.objects.count() == 2


def test_a_colleagues_value_is_never_overwritten_unseen(people):
    save(people, value="55")
    with pytest.raises(IndicatorError) as refused:
        save(people, who="colleague", value="60", version=None)
    assert refused.value.code == "conflict" and refused.value.status == 409
    assert "Anna de Boer" in str(refused.value.message)
    assert "55,0 %" in str(refused.value.message)
    assert IndicatorValue.objects.get().value == Decimal("55")
    # Having seen version 1, the colleague replaces it knowingly.
    assert save(people, who="colleague", value="60", version=1).value == Decimal("60")


@pytest.mark.parametrize(
    ("slug", "year", "value", "field", "message"),
    [
        ("afvalscheiding", LAST_YEAR, "100.5", "value", "Een percentage is hoogstens 100."),
        ("restafval", LAST_YEAR, "-1", "value", "Een waarde kan niet negatief zijn."),
        ("co2-prestatieladder", LAST_YEAR, "6", "value", "Kies een trede van 0 tot en met 5."),
        ("circulaire-bedrijven", LAST_YEAR, "2.5", "value", "Vul een heel getal in"),
        ("restafval", LAST_YEAR, "1.234", "value", "hoogstens twee decimalen"),
        ("restafval", LAST_YEAR + 2, "100", "year", "is nog niet voorbij"),
        ("restafval", 1850, "100", "year", "Vul een jaar vanaf 2000 in."),
    ],
)
def test_bad_values_are_refused_in_dutch(people, slug, year, value, field, message):
    with pytest.raises(IndicatorError) as refused:
        save(people, slug=slug, year=year, value=value)
    assert refused.value.status == 400 and refused.value.field == field
    assert message in str(refused.value.message)
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("who", ["stranger", "pending", "coordinator", "editor"])
def test_only_verified_members_save(people, who):
    with pytest.raises(IndicatorError) as refused:
        save(people, who=who)
    assert refused.value.status == 403
    assert not IndicatorValue.objects.exists()


def test_an_editor_cannot_change_the_unit_under_existing_values(people):
    from django.core.exceptions import ValidationError

    save(people, slug="bereik-communicatie", value="2500")
    reach = indicator("bereik-communicatie")
    reach.unit = "procent"
    with pytest.raises(ValidationError) as refused:
        reach.full_clean()
    assert "niet bij deze eenheid passen" in str(refused.value)
    reach.unit = "ton"
    reach.full_clean()
