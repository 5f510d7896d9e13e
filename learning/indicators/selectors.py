"""Reads for the indicators: an organisation's values, its peers, the national overview.

Every function runs a fixed number of queries, however many organisations, indicators and
years there are. Peer figures follow the monitor's rules: the same quartile definition
(inclusive, as PostgreSQL's percentile_cont and Excel's KWARTIEL.INC) and no figures at all
for a group of fewer than MIN_GROUP_SIZE organisations; other organisations are never named.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, FloatField, Prefetch
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from learning.monitor.aggregates import Distribution
from learning.monitor.models import MIN_GROUP_SIZE
from learning.organisations.models import Organisation, OrganisationKind

from .models import Indicator, IndicatorTarget, IndicatorValue


def distribution_of(values: list[float]) -> Distribution | None:
    """Count, Q1, median and Q3 (inclusive quartiles); None for no values."""
    if not values:
        return None
    if len(values) == 1:
        only = float(values[0])
        return Distribution(1, only, only, only)
    q1, median, q3 = statistics.quantiles([float(v) for v in values], n=4, method="inclusive")
    return Distribution(len(values), q1, median, q3)


def _shown(distribution: Distribution | None) -> Distribution | None:
    if distribution is None or distribution.count < MIN_GROUP_SIZE:
        return None
    return distribution


def indicators_active() -> list[Indicator]:
    """The indicators organisations fill in, in the editors' order, with their targets
    (two queries)."""
    return list(
        Indicator.objects.filter(is_active=True).prefetch_related(
            Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"))
        )
    )


def indicator_get(*, slug: str) -> Indicator | None:
    return (
        Indicator.objects.filter(slug=slug, is_active=True)
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")))
        .first()
    )


@dataclass
class IndicatorSeries:
    """One indicator with the organisation's values, oldest year first."""

    indicator: Indicator
    values: list[IndicatorValue] = field(default_factory=list)

    @property
    def targets(self) -> list[IndicatorTarget]:
        return list(self.indicator.targets.all())

    @property
    def latest(self) -> IndicatorValue | None:
        return self.values[-1] if self.values else None


def indicator_values_for(*, organisation: Organisation) -> list[IndicatorSeries]:
    """Every active indicator with ``organisation``'s values per year and the national
    targets: what the organisation's route shows in its baseline. Three queries.

    Access is the caller's concern (services.indicator_value_may_edit for members; a route
    shows it to whom the route is shown).
    """
    indicators = indicators_active()
    by_indicator: dict[int, list[IndicatorValue]] = defaultdict(list)
    for value in IndicatorValue.objects.filter(
        organisation=organisation, indicator__is_active=True
    ).order_by("year"):
        by_indicator[value.indicator_id].append(value)
    return [
        IndicatorSeries(indicator=indicator, values=by_indicator.get(indicator.pk, []))
        for indicator in indicators
    ]


@dataclass(frozen=True)
class PeerGroup:
    """A comparison group per year; a year without figures had too few organisations."""

    label: str
    per_year: dict[int, Distribution | None]

    def for_year(self, year: int) -> Distribution | None:
        return self.per_year.get(year)


@dataclass
class IndicatorDetail:
    indicator: Indicator
    organisation: Organisation
    values: list[IndicatorValue]
    targets: list[IndicatorTarget]
    groups: list[PeerGroup]  # same kind nationally, then same kind in the province
    years: list[int]

    def value_in(self, year: int) -> IndicatorValue | None:
        return next((value for value in self.values if value.year == year), None)

    @property
    def rows(self) -> list[dict]:
        """One row per year for the data table: own value and each group's figures."""
        return [
            {
                "year": year,
                "own": self.value_in(year),
                "groups": [(group.label, group.for_year(year)) for group in self.groups],
            }
            for year in self.years
        ]


def _kind_label(kind: str) -> str:
    labels = {
        OrganisationKind.GEMEENTE: _("Alle gemeenten"),
        OrganisationKind.PROVINCIE: _("Alle provincies"),
        OrganisationKind.WATERSCHAP: _("Alle waterschappen"),
        OrganisationKind.RIJK: _("Alle rijksorganisaties"),
    }
    return labels.get(kind, _("Alle overige organisaties"))


def _kind_in_province_label(kind: str, province: Organisation) -> str:
    labels = {
        OrganisationKind.GEMEENTE: _("Gemeenten in %(province)s"),
        OrganisationKind.WATERSCHAP: _("Waterschappen in %(province)s"),
        OrganisationKind.RIJK: _("Rijksorganisaties in %(province)s"),
    }
    return labels.get(kind, _("Overige organisaties in %(province)s")) % {"province": province.name}


def indicator_detail_for(*, organisation: Organisation, indicator: Indicator) -> IndicatorDetail:
    """``organisation``'s values of ``indicator`` against the national targets and its peers:
    organisations of the same kind, and those of the same kind in its province (for a
    province: none), per year, only for groups of at least MIN_GROUP_SIZE. Three queries
    (the indicator's targets are prefetched by the caller's indicator_get)."""
    targets = list(indicator.targets.all())
    own = list(
        IndicatorValue.objects.filter(organisation=organisation, indicator=indicator).order_by(
            "year"
        )
    )
    province = None
    if organisation.kind != OrganisationKind.PROVINCIE and organisation.province_id:
        province = Organisation.objects.filter(pk=organisation.province_id).first()
    national: dict[int, list[float]] = defaultdict(list)
    regional: dict[int, list[float]] = defaultdict(list)
    rows = IndicatorValue.objects.filter(
        indicator=indicator, organisation__kind=organisation.kind
    ).values_list("year", Cast("value", FloatField()), "organisation__province_id")
    for year, value, province_id in rows:
        national[year].append(value)
        if province is not None and province_id == province.pk:
            regional[year].append(value)
    groups = [
        PeerGroup(
            _kind_label(organisation.kind),
            {year: _shown(distribution_of(values)) for year, values in national.items()},
        )
    ]
    if province is not None:
        groups.append(
            PeerGroup(
                _kind_in_province_label(organisation.kind, province),
                {year: _shown(distribution_of(values)) for year, values in regional.items()},
            )
        )
    years = sorted(
        {value.year for value in own}
        | {year for year, values in national.items() if len(values) >= MIN_GROUP_SIZE}
    )
    return IndicatorDetail(indicator, organisation, own, targets, groups, years)


# --- Coordinators ------------------------------------------------------------------------


@dataclass
class NationalYear:
    year: int
    reporting: int
    distribution: Distribution | None


@dataclass
class NationalIndicator:
    indicator: Indicator
    organisations: int  # of the chosen kind, active
    years: list[NationalYear]

    @property
    def targets(self) -> list[IndicatorTarget]:
        return list(self.indicator.targets.all())

    @property
    def reporting_latest(self) -> int:
        return self.years[-1].reporting if self.years else 0

    def share(self, reporting: int) -> int:
        return round(100 * reporting / self.organisations) if self.organisations else 0


def national_overview(*, kind: str = OrganisationKind.GEMEENTE) -> list[NationalIndicator]:
    """Per active indicator and year: how many organisations of ``kind`` reported, and the
    distribution of their values (only for at least MIN_GROUP_SIZE). For coordinators; no
    organisation is named. Four queries, however many values."""
    indicators = indicators_active()
    organisations = Organisation.objects.filter(kind=kind, is_active=True).aggregate(
        count=Count("pk")
    )["count"]
    values: dict[tuple[int, int], list[float]] = defaultdict(list)
    # As floats from the database: no Decimal per row for what only feeds the quartiles.
    for indicator_id, year, value in IndicatorValue.objects.filter(
        organisation__kind=kind, indicator__is_active=True
    ).values_list("indicator_id", "year", Cast("value", FloatField())):
        values[(indicator_id, year)].append(value)
    overview = []
    for indicator in indicators:
        years = sorted(year for indicator_id, year in values if indicator_id == indicator.pk)
        overview.append(
            NationalIndicator(
                indicator=indicator,
                organisations=organisations,
                years=[
                    NationalYear(
                        year,
                        len(values[(indicator.pk, year)]),
                        _shown(distribution_of(values[(indicator.pk, year)])),
                    )
                    for year in years
                ],
            )
        )
    return overview


def indicator_value_of(*, organisation: Organisation, indicator: Indicator, year: int):
    """The organisation's value of ``indicator`` in ``year``, or None."""
    return IndicatorValue.objects.filter(
        organisation=organisation, indicator=indicator, year=year
    ).first()
