import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    PROVINCIE = "provincie", _("Provincie")
    WATERSCHAP = "waterschap", _("Waterschap")
    RIJK = "rijk", _("Rijksoverheid")
    OVERIG = "overig", _("Overig")


class Organisation(index.Indexed, models.Model):
    """A public body whose civil servants take part: municipality, province, water board …"""

    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("naam"), max_length=150)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld GM0363 voor Amsterdam of PV25 voor Gelderland."),
    )
    province = models.ForeignKey(
        "self",
        verbose_name=_("provincie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        limit_choices_to={"kind": OrganisationKind.PROVINCIE},
        help_text=_("De provincie waarin de organisatie ligt (voor waterschappen: de zetel)."),
    )
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Zet uit voor een opgeheven organisatie, bijvoorbeeld na een fusie."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_unique_kind_name"),
            models.CheckConstraint(
                condition=~Q(kind=OrganisationKind.PROVINCIE) | Q(province__isnull=True),
                name="organisation_province_has_no_province",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    # Found by the site search (as "Gemeente Apeldoorn" too); FilterField("id"): the search
    # narrows to the organisations the site shows by id.
    search_fields = [
        index.SearchField("name"),
        index.SearchField("display_name"),
        index.FilterField("id"),
    ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        # A province that organisations lie in stays a province: they would point at a
        # "province" that is not one (the province filters and monitor comparisons use it).
        if (
            self.pk
            and self.kind != OrganisationKind.PROVINCIE
            and Organisation.objects.filter(province_id=self.pk).exists()
        ):
            raise ValidationError(
                {
                    "kind": _(
                        "Er liggen nog organisaties in deze provincie. Wijs die eerst een "
                        "andere provincie toe."
                    )
                }
            )
        if self.province_id and self.province_id == self.pk:
            raise ValidationError({"province": _("Een organisatie ligt niet in zichzelf.")})

    @property
    def display_name(self) -> str:
        """The name as people say it: "Gemeente Utrecht", "Provincie Utrecht"."""
        if self.kind == OrganisationKind.GEMEENTE:
            return f"Gemeente {self.name}"
        if self.kind == OrganisationKind.PROVINCIE:
            return f"Provincie {self.name}"
        return self.name


DOMAIN_PATTERN = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def domain_normalise(value: str) -> str:
    """A domain as we store it: lower case, no "@", no trailing dot; refuses any other shape.

    Raises ValidationError with a Dutch message for "gmail", "@apeldoorn.nl ", "https://…".
    """
    domain = (value or "").strip().lower().removeprefix("@").rstrip(".")
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = ""
    if not DOMAIN_PATTERN.match(domain):
        raise ValidationError(
            _(
                "%(value)s is geen domeinnaam. Vul alleen het deel na de @ in, "
                "bijvoorbeeld apeldoorn.nl."
            ),
            code="invalid_domain",
            params={"value": str(value)[:100] or '""'},
        )
    return domain


class OrganisationDomain(models.Model):
    """An e-mail domain of an organisation: a verified address on it proves membership.

    A domain belongs to one organisation only (a regional service that works for several
    municipalities is an organisation of its own). Addresses on a subdomain count too
    (``inkoop.apeldoorn.nl`` for ``apeldoorn.nl``).
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="domains",
    )
    domain = models.CharField(
        _("domein"),
        max_length=253,
        unique=True,
        help_text=_("Het deel van het e-mailadres na de @, bijvoorbeeld apeldoorn.nl."),
        error_messages={"unique": _("Dit domein hoort al bij een organisatie.")},
    )
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    # Who last linked the domain to its organisation: it never proves that person's own claim
    # (that would be deciding about one's own claim, see accounts.organisation_claims).
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gekoppeld door"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("e-maildomein")
        verbose_name_plural = _("e-maildomeinen")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    @property
    def organisation_kind(self) -> str:
        return self.organisation.get_kind_display()

    organisation_kind.fget.short_description = _("soort organisatie")

    @property
    def organisation_cbs_code(self) -> str:
        return self.organisation.cbs_code or ""

    def clean(self):
        super().clean()
        try:
            self.domain = domain_normalise(self.domain)
        except ValidationError as error:
            raise ValidationError({"domain": error}) from error
