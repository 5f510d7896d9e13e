import re

import pytest
from django.db.models import Count

from learning.organisations.models import Organisation, OrganisationKind
from learning.organisations.seed import DATA_FILE, load_organisations, read_rows

pytestmark = pytest.mark.django_db


def test_seeded_counts_match_the_reference_date():
    counts = dict(
        Organisation.objects.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    assert counts[OrganisationKind.GEMEENTE] == 342
    assert counts[OrganisationKind.PROVINCIE] == 12
    assert counts[OrganisationKind.WATERSCHAP] == 21


def test_csv_names_its_source_and_reference_date():
    header = [
        line for line in DATA_FILE.read_text(encoding="utf-8").splitlines() if line[:1] == "#"
    ]
    text = "\n".join(header)
    assert "CBS" in text
    assert "Peildatum: 2025-01-01" in text


def test_every_municipality_has_a_cbs_code_and_a_province():
    municipalities = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
    assert not municipalities.filter(province__isnull=True).exists()
    assert all(
        re.fullmatch(r"GM\d{4}", code) for code in municipalities.values_list("cbs_code", flat=True)
    )
    assert set(municipalities.values_list("province__kind", flat=True).distinct()) == {
        OrganisationKind.PROVINCIE
    }


def test_known_municipalities_sit_in_their_province():
    assert Organisation.objects.get(cbs_code="GM0363").name == "Amsterdam"
    assert Organisation.objects.get(name="Voorne aan Zee").province.name == "Zuid-Holland"
    assert Organisation.objects.get(name="Land van Cuijk").province.name == "Noord-Brabant"
    # merged away before the reference date
    assert not Organisation.objects.filter(name__in=["Weesp", "Brielle", "Boxmeer"]).exists()


def test_province_municipality_counts():
    per_province = dict(
        Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
        .values_list("province__name")
        .annotate(n=Count("id"))
    )
    assert per_province["Gelderland"] == 51
    assert per_province["Flevoland"] == 6
    assert sum(per_province.values()) == 342


def test_loader_is_idempotent():
    before = Organisation.objects.count()
    rows = load_organisations(Organisation)
    assert rows == len(list(read_rows()))
    assert Organisation.objects.count() == before


def test_loader_rejects_an_unknown_province(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,cbs_code,name,province_code\ngemeente,GM9999,Nergenshuizen,PV99\n")
    with pytest.raises(ValueError, match="PV99"):
        load_organisations(Organisation, bad)
