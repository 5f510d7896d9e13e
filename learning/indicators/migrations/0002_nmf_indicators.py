"""The NMF set of indicators with the national targets, as production needs them.

From the NMF manual for municipalities (what to report each year) and the national goals:
50 % circular procurement in 2025 and 100 % in 2030 (Rijksbrede programma Circulaire
Economie), 75 % waste separation and at most 100 kg residual household waste per inhabitant
in 2020, 30 kg in 2025 (VANG Huishoudelijk Afval). Editors change or extend them later;
this migration only adds what is missing (by slug) and never overwrites their edits.
"""

from decimal import Decimal

from django.db import migrations

NMF = "NMF-handleiding indicatoren circulaire economie"
VANG = "VANG Huishoudelijk Afval"
CE = "Rijksbrede programma Circulaire Economie"

# slug, name, unit, direction, source, description, [(year, value, note)]
INDICATORS = [
    (
        "mpg-nieuwbouw",
        "MPG van nieuwe gebouwen",
        "euro_per_m2",
        "lager",
        NMF,
        "De gemiddelde milieuprestatie (MPG) van de gebouwen die de organisatie dit jaar liet "
        "bouwen, in euro schaduwkosten per m² bruto vloeroppervlak per jaar.",
        [],
    ),
    (
        "afvalscheiding",
        "Afvalscheiding huishoudelijk afval",
        "procent",
        "hoger",
        f"{NMF}; doel: {VANG}",
        "Het deel van het huishoudelijk afval dat gescheiden wordt ingezameld.",
        [(2020, Decimal("75"), VANG)],
    ),
    (
        "restafval",
        "Restafval per inwoner",
        "kg_per_inwoner",
        "lager",
        f"{NMF}; doel: {VANG}",
        "Kilo's huishoudelijk restafval per inwoner per jaar.",
        [(2020, Decimal("100"), VANG), (2025, Decimal("30"), VANG)],
    ),
    (
        "circulair-inkopen",
        "Circulair inkopen",
        "procent",
        "hoger",
        f"{NMF}; doel: {CE}",
        "Het deel van de inkopen (in euro's) dat circulair is ingekocht.",
        [(2025, Decimal("50"), CE), (2030, Decimal("100"), CE)],
    ),
    (
        "eigen-afval",
        "Afval van de eigen organisatie",
        "ton",
        "lager",
        NMF,
        "Tonnen restafval van de eigen organisatie (kantoren, werven, gemeentehuis).",
        [],
    ),
    (
        "bereik-communicatie",
        "Bereik van communicatie",
        "aantal",
        "hoger",
        NMF,
        "Hoeveel inwoners en ondernemers de communicatie over circulaire economie bereikte.",
        [],
    ),
    (
        "circulaire-bedrijven",
        "Nieuwe circulaire bedrijven",
        "aantal",
        "hoger",
        NMF,
        "Het aantal circulaire bedrijven dat dit jaar in de gemeente is begonnen of zich er "
        "vestigde.",
        [],
    ),
    (
        "co2-prestatieladder",
        "Trede op de CO2-prestatieladder",
        "trede",
        "hoger",
        NMF,
        "De trede (0 tot en met 5) waarop de organisatie op de CO2-prestatieladder is "
        "gecertificeerd; 0 als zij niet is gecertificeerd.",
        [],
    ),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    IndicatorTarget = apps.get_model("indicators", "IndicatorTarget")
    for order, (slug, name, unit, direction, source, description, targets) in enumerate(INDICATORS):
        if Indicator.objects.filter(slug=slug).exists():
            continue
        indicator = Indicator.objects.create(
            slug=slug,
            name=name,
            unit=unit,
            direction=direction,
            source=source,
            description=description,
            sort_order=order * 10,
        )
        for index, (year, value, note) in enumerate(targets):
            IndicatorTarget.objects.create(
                indicator=indicator, year=year, value=value, note=note, sort_order=index
            )


def unseed(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(slug__in=[row[0] for row in INDICATORS], values__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
