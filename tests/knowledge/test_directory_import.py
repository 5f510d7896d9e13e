"""The directory's CSV import: good rows in, bad rows refused with Dutch messages, idempotent."""

import pytest
from django.core.management import CommandError, call_command

from learning.knowledge.models import Initiative
from learning.knowledge.services import KnowledgeError, initiatives_import

pytestmark = pytest.mark.django_db

HEADER = "naam;soort;omschrijving;regio;provincie;overheid;themas;kerntaken;website\n"
GOOD = (
    "Cirkelregio Utrecht;netwerk;Samenwerking in de regio Utrecht.;Utrecht;PV26;;"
    "bouw|Circulair inkopen;inkoop|economische-zaken;https://www.example.nl\n"
    "Rijkswaterstaat;Overheid;Beheert rijkswegen.;;;;infrastructuur;;\n"
    "Amsterdam Circulair;overheid;Strategie van de gemeente.;Amsterdam;Noord-Holland;GM0363;;;\n"
)


def test_good_rows_are_created_with_their_tags():
    report = initiatives_import(text=HEADER + GOOD)
    assert report.refused == []
    assert sorted(report.created) == [
        "Amsterdam Circulair",
        "Cirkelregio Utrecht",
        "Rijkswaterstaat",
    ]
    utrecht = Initiative.objects.get(name="Cirkelregio Utrecht")
    assert utrecht.kind == "netwerk"
    assert utrecht.province.cbs_code == "PV26"
    assert sorted(utrecht.themes.values_list("slug", flat=True)) == ["bouw", "circulair-inkopen"]
    assert sorted(utrecht.core_tasks.values_list("slug", flat=True)) == [
        "economische-zaken",
        "inkoop",
    ]
    assert utrecht.website == "https://www.example.nl"
    amsterdam = Initiative.objects.get(name="Amsterdam Circulair")
    assert amsterdam.organisation.cbs_code == "GM0363"
    assert amsterdam.province.cbs_code == "PV27"
    assert Initiative.objects.get(name="Rijkswaterstaat").kind == "overheid"


def test_running_the_same_file_again_changes_nothing():
    initiatives_import(text=HEADER + GOOD)
    again = initiatives_import(text=HEADER + GOOD)
    assert again.created == [] and again.updated == [] and again.refused == []
    assert len(again.unchanged) == 3
    assert Initiative.objects.count() == 3
    changed = GOOD.replace("Beheert rijkswegen.", "Beheert rijkswegen en vaarwegen.")
    third = initiatives_import(text=HEADER + changed.replace("Rijkswaterstaat", "RIJKSWATERSTAAT"))
    assert third.updated == ["RIJKSWATERSTAAT"]
    assert Initiative.objects.count() == 3
    assert Initiative.objects.get(name="RIJKSWATERSTAAT").description.endswith("vaarwegen.")


def test_a_changed_row_replaces_the_themes_and_core_tasks_of_the_entry():
    initiatives_import(text=HEADER + GOOD)
    retagged = GOOD.replace("bouw|Circulair inkopen;inkoop|economische-zaken", "infrastructuur;")
    report = initiatives_import(text=HEADER + retagged)
    assert report.updated == ["Cirkelregio Utrecht"]
    utrecht = Initiative.objects.get(name="Cirkelregio Utrecht")
    assert list(utrecht.themes.values_list("slug", flat=True)) == ["infrastructuur"]
    assert not utrecht.core_tasks.exists()


def test_bad_rows_are_refused_with_dutch_messages_and_nothing_of_them_is_written():
    bad = (
        ";netwerk;Zonder naam.;;;;;;\n"
        "Onbekende soort;vereniging;Iets.;;;;;;\n"
        "Verkeerde provincie;netwerk;Iets.;;Atlantis;;;;\n"
        "Verkeerde overheid;overheid;Iets.;;;GM9999;;;\n"
        "Verkeerd thema;netwerk;Iets.;;;;ruimtevaart;kerntaak-x;\n"
        "Verkeerde website;bedrijf;Iets.;;;;;;javascript:alert(1)\n"
        f"Te lang;bedrijf;{'x' * 801};;;;;;\n"
        "Cirkelregio Utrecht;netwerk;Dubbel.;;;;;;\n"
        "Te veel kolommen;netwerk;Iets.;;;;;;;extra\n"
    )
    report = initiatives_import(text=HEADER + GOOD + bad)
    assert len(report.created) == 3
    messages = {name: (line, errors) for line, name, errors in report.refused}
    assert messages[""][1] == ["De kolom naam is leeg."]
    assert messages[""][0] == 5
    assert "Onbekende soort vereniging" in messages["Onbekende soort"][1][0]
    assert messages["Verkeerde provincie"][1] == ["Onbekende provincie Atlantis."]
    assert messages["Verkeerde overheid"][1] == ["Geen overheid met CBS-code GM9999."]
    assert messages["Verkeerd thema"][1] == [
        "Onbekende thema's: ruimtevaart.",
        "Onbekende kerntaken: kerntaak-x.",
    ]
    assert "niet geldig" in messages["Verkeerde website"][1][0]
    assert messages["Te lang"][1] == ["De kolom omschrijving is langer dan 800 tekens."]
    assert messages["Cirkelregio Utrecht"][1] == ["Deze naam staat al op regel 2 van het bestand."]
    assert "meer waarden" in messages["Te veel kolommen"][1][0]
    assert Initiative.objects.count() == 3
    assert Initiative.objects.get(name="Cirkelregio Utrecht").description.startswith("Samenwerking")


def test_a_file_without_the_required_columns_is_refused_as_a_whole():
    with pytest.raises(KnowledgeError) as refused:
        initiatives_import(text="naam,website\nIets,https://example.nl\n")
    assert (
        refused.value.message == "De kolom(men) soort, omschrijving ontbreken in de eerste regel."
    )
    with pytest.raises(KnowledgeError):
        initiatives_import(text="")
    assert Initiative.objects.count() == 0


def test_comma_separated_files_work_too():
    text = 'naam,soort,omschrijving\n"Netwerk, met komma",netwerk,"Een netwerk; met puntkomma."\n'
    report = initiatives_import(text=text)
    assert report.created == ["Netwerk, met komma"]


def test_dry_run_writes_nothing():
    report = initiatives_import(text=HEADER + GOOD, dry_run=True)
    assert len(report.created) == 3
    assert Initiative.objects.count() == 0


def test_the_management_command_reports_and_fails_on_refused_rows(tmp_path, capsys):
    path = tmp_path / "initiatieven.csv"
    path.write_text("\ufeff" + HEADER + GOOD, encoding="utf-8")
    call_command("import_initiatives", str(path))
    assert "3 aangemaakt, 0 bijgewerkt, 0 ongewijzigd, 0 geweigerd." in capsys.readouterr().out
    call_command("import_initiatives", str(path))
    assert "0 aangemaakt, 0 bijgewerkt, 3 ongewijzigd, 0 geweigerd." in capsys.readouterr().out

    path.write_text(HEADER + "Fout;soort-x;Iets.;;;;;;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 regel"):
        call_command("import_initiatives", str(path))
    assert "Regel 2 (Fout): Onbekende soort soort-x" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("import_initiatives", str(tmp_path / "bestaat-niet.csv"))
    path.write_bytes(b"naam;soort;omschrijving\n\xff\xfe;netwerk;x\n")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_initiatives", str(path))
