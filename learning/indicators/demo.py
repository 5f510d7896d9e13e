"""Demo indicator values (called by `manage.py load_demo` after the monitor; idempotent).

The municipalities of the demo monitor report the NMF indicators for 2021–2025, so every
comparison group has at least five organisations. Figures are plausible, not real: each
municipality has its own level and most improve a little each year. Zwolle has not entered
its circular procurement for 2025 yet, so the demo login can fill it in.
"""

import random
from decimal import Decimal

from django.utils import timezone

from learning.accounts.models import User
from learning.monitor.demo import LATER, PILOT
from learning.organisations.models import Organisation, OrganisationKind

from .models import Indicator, IndicatorValue, IndicatorValueLog

YEARS = range(2021, 2026)

# slug → (value in the first year: low, high; change per year; decimals; source)
SERIES = {
    "mpg-nieuwbouw": ((0.55, 0.95), -0.04, 2, "Eigen berekening nieuwbouwprojecten"),
    "afvalscheiding": ((48, 78), 1.5, 1, "CBS, Huishoudelijk afval per gemeente"),
    "restafval": ((95, 240), -9, 1, "CBS, Huishoudelijk afval per gemeente"),
    "circulair-inkopen": ((4, 30), 5, 1, "Eigen inkoopanalyse (spendanalyse)"),
    "eigen-afval": ((20, 160), -6, 1, "Jaaroverzicht afvalinzamelaar gemeentehuis"),
    "bereik-communicatie": ((800, 12000), 600, 0, "Website- en nieuwsbriefstatistieken"),
    "circulaire-bedrijven": ((0, 8), 1.2, 0, "KvK-registraties, eigen selectie"),
    "co2-prestatieladder": ((0, 3), 0.35, 0, "Certificaat SKAO"),
}


def _value(rng: random.Random, slug: str, start: float, step: int) -> Decimal:
    (_low, _high), change, decimals, _source = SERIES[slug]
    figure = start + change * step + rng.uniform(-abs(change), abs(change)) * 0.6
    if slug in ("afvalscheiding", "circulair-inkopen"):
        figure = min(figure, 100)
    if slug == "co2-prestatieladder":
        figure = min(round(figure), 5)
    figure = max(figure, 0)
    return Decimal(str(round(figure, decimals))).quantize(Decimal("0.01"))


def load() -> None:
    indicators = {indicator.slug: indicator for indicator in Indicator.objects.all()}
    municipalities = {
        organisation.name: organisation
        for organisation in Organisation.objects.filter(
            kind=OrganisationKind.GEMEENTE, name__in=PILOT + LATER
        )
    }
    people = {
        user.organisation_id: user
        for user in User.objects.filter(
            email__in=["anouk.jansen@apeldoorn.example", "mohamed.elamrani@zwolle.example"]
        )
    }
    rng = random.Random(2021)  # noqa: S311 (demo figures, not security)
    now = timezone.now()
    # Idempotent: a value that is there stays as it is (and keeps its log); ~1,500 rows are
    # written in two statements rather than one round trip each.
    existing = set(
        IndicatorValue.objects.filter(organisation__in=municipalities.values()).values_list(
            "organisation_id", "indicator_id", "year"
        )
    )
    missing = []
    for index, name in enumerate(PILOT + LATER):
        organisation = municipalities.get(name)
        if organisation is None:
            continue
        for slug, ((low, high), _change, _decimals, source) in SERIES.items():
            indicator = indicators.get(slug)
            if indicator is None:
                continue
            start = rng.uniform(low, high)
            # Some municipalities started reporting later than others.
            first = 2021 + (index % 3 if slug in ("eigen-afval", "bereik-communicatie") else 0)
            for step, year in enumerate(YEARS):
                if year < first:
                    continue
                if name == "Zwolle" and slug == "circulair-inkopen" and year == 2025:
                    continue
                value = _value(rng, slug, start, step)
                if (organisation.pk, indicator.pk, year) in existing:
                    continue
                missing.append(
                    IndicatorValue(
                        organisation=organisation,
                        indicator=indicator,
                        year=year,
                        value=value,
                        source_note=f"{source} {year}",
                        updated_by=people.get(organisation.pk),
                        updated_at=now,
                    )
                )
    created = IndicatorValue.objects.bulk_create(missing)
    IndicatorValueLog.objects.bulk_create(
        IndicatorValueLog(
            value=stored,
            actor=stored.updated_by,
            action="entered",
            to_status=str(stored.value),
            reason=stored.source_note,
        )
        for stored in created
    )
