import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .models import Organisation, OrganisationDomain, OrganisationKind


class OrganisationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=OrganisationKind.choices)
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.PROVINCIE),
    )
    is_active = django_filters.BooleanFilter(label=_("Actief"))

    class Meta:
        model = Organisation
        fields = ["kind", "province", "is_active"]


class OrganisationDomainFilterSet(WagtailFilterSet):
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
    )

    class Meta:
        model = OrganisationDomain
        fields = ["organisation_kind"]
