"""Indicators against the national targets (the NMF set): definitions and yearly values.

Editors maintain the definitions (snippets); an organisation's verified members enter its
values, one per indicator per year (services.py). The models only hold state; the bounds a
value must keep follow from the indicator's unit (``UNIT_RULES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from learning.core.models import AuditEntry

# The first year a value may be entered for; later than the current year is refused.
FIRST_YEAR = 2000
# Values are stored with two decimals; no indicator needs more than this.
MAX_VALUE = Decimal("9999999999.99")


class Unit(models.TextChoices):
    PERCENTAGE = "procent", _("procent")
    KG_PER_INHABITANT = "kg_per_inwoner", _("kg per inwoner")
    EURO_PER_M2 = "euro_per_m2", _("euro per m² bruto vloeroppervlak per jaar")
    TONNES = "ton", _("ton")
    COUNT = "aantal", _("aantal")
    STEP = "trede", _("trede (0 tot en met 5)")


@dataclass(frozen=True)
class UnitRule:
    """What a value in this unit may be, and how many decimals it is shown with."""

    minimum: Decimal
    maximum: Decimal
    decimals: int
    symbol: str  # after the number: "%", "kg" …


UNIT_RULES = {
    Unit.PERCENTAGE: UnitRule(Decimal(0), Decimal(100), 1, "%"),
    Unit.KG_PER_INHABITANT: UnitRule(Decimal(0), MAX_VALUE, 1, "kg"),
    Unit.EURO_PER_M2: UnitRule(Decimal(0), MAX_VALUE, 2, "€/m²"),
    Unit.TONNES: UnitRule(Decimal(0), MAX_VALUE, 1, "ton"),
    Unit.COUNT: UnitRule(Decimal(0), MAX_VALUE, 0, ""),
    Unit.STEP: UnitRule(Decimal(0), Decimal(5), 0, ""),
}


class Direction(models.TextChoices):
    HIGHER = "hoger", _("Hoger is beter")
    LOWER = "lager", _("Lager is beter")


class Indicator(ClusterableModel):
    """One indicator an organisation reports on each year, with its national target(s)."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(
        _("korte naam in de URL"),
        max_length=60,
        unique=True,
        help_text=_("Bijvoorbeeld afvalscheiding; alleen kleine letters, cijfers en streepjes."),
    )
    description = models.TextField(_("toelichting"), blank=True, max_length=1000)
    unit = models.CharField(_("eenheid"), max_length=20, choices=Unit.choices)
    direction = models.CharField(
        _("richting"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    source = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        help_text=_(
            "Waar de definitie en het doel vandaan komen, bijvoorbeeld de NMF-handleiding."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_(
            "Zet uit om de indicator niet meer te laten invullen; waarden blijven bewaard."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction")]),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
        InlinePanel("targets", heading=_("Landelijke doelen"), label=_("doel")),
    ]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if not self.pk or not self.unit:
            return
        # A new unit must still fit the values organisations already entered.
        rule = UNIT_RULES[Unit(self.unit)]
        outside = self.values.filter(Q(value__lt=rule.minimum) | Q(value__gt=rule.maximum))
        if outside.exists():
            raise ValidationError(
                {
                    "unit": _(
                        "Er zijn al waarden ingevuld die niet bij deze eenheid passen. Kies "
                        "een andere eenheid of maak een nieuwe indicator."
                    )
                }
            )

    @property
    def rule(self) -> UnitRule:
        return UNIT_RULES[Unit(self.unit)]

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER


class IndicatorTarget(Orderable):
    """A national target: ``value`` to be reached in ``year`` (50 % circular procurement in
    2025, 100 % in 2030 …). An indicator may have none, one or several."""

    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("doeljaar"))
    value = models.DecimalField(_("doelwaarde"), max_digits=12, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("value"), FieldPanel("year")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("landelijk doel")
        verbose_name_plural = _("landelijke doelen")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.year})"

    def clean(self):
        super().clean()
        errors = {}
        if self.year is not None and not FIRST_YEAR <= self.year <= 2100:
            errors["year"] = _("Kies een jaar tussen %(first)s en 2100.") % {"first": FIRST_YEAR}
        if self.value is not None and self.indicator_id:
            rule = self.indicator.rule
            if not rule.minimum <= self.value <= rule.maximum:
                errors["value"] = _("Dit doel past niet bij de eenheid van de indicator.")
        if errors:
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    """The value of one indicator for one organisation in one year, with where it came from.

    ``version`` goes up with every change: a save names the version it saw, so a colleague's
    value for the same year is never overwritten unseen (services.indicator_value_save).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="indicator_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=2)
    source_note = models.CharField(_("bron"), max_length=300)
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevuld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("waarde van een indicator")
        verbose_name_plural = _("waarden van indicatoren")
        ordering = ["indicator", "organisation__name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "indicator", "year"], name="indicator_value_once_a_year"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="indicator_value_not_negative"),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.indicator} {self.year}"


class IndicatorValueLog(AuditEntry):
    """Audit trail of a value: entered or changed, from what to what (``from_status`` and
    ``to_status`` hold the values), with the source note as ``reason``."""

    value = models.ForeignKey(IndicatorValue, on_delete=models.CASCADE, related_name="log_entries")

    class Meta:
        verbose_name = _("logregel indicatorwaarde")
        verbose_name_plural = _("logregels indicatorwaarden")
        ordering = ["created_at", "pk"]
