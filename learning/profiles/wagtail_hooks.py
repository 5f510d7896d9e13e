import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from learning.core.models import Theme
from learning.organisations.models import OrganisationKind

from .models import PioneerProfilePage, Province


@hooks.register("before_publish_page")
def refuse_publish_without_consent(request, page):
    """Send the editor back to the form, with the reason, instead of publishing a profile
    without recorded consent. The page form refuses it first; this catches every other admin
    route to a publish. ``PioneerProfilePage.publish`` refuses it outside the admin."""
    if isinstance(page, PioneerProfilePage) and not page.has_consent:
        messages.error(
            request,
            gettext(
                "“%(title)s” is niet gepubliceerd: leg eerst de toestemming van de persoon vast "
                "(vinkje en datum). De wijzigingen zijn als concept bewaard."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


class PioneerProfileFilterSet(PageFilterSet):
    consent_given = django_filters.BooleanFilter(label=_("Toestemming gegeven"))
    province = django_filters.ChoiceFilter(
        label=_("Provincie"), choices=Province.choices, empty_label=_("Alle")
    )
    organisation_kind = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
        empty_label=_("Alle"),
    )
    themes = django_filters.ModelMultipleChoiceFilter(
        label=_("Thema's"), queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = PioneerProfilePage
        fields = []


class PioneerProfileListingViewSet(PageListingViewSet):
    """A flat list of every profile for editors, with consent at a glance: a profile still
    waiting for consent is easy to find with the "Toestemming gegeven: Nee" filter."""

    model = PioneerProfilePage
    icon = "user"
    menu_label = _("Pioniersprofielen")
    menu_order = 210
    add_to_admin_menu = True
    filterset_class = PioneerProfileFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("organisation", label=_("Organisatie")),
        Column("province", label=_("Provincie"), accessor="get_province_display"),
        BooleanColumn("consent_given", label=_("Toestemming")),
    ]


@hooks.register("register_admin_viewset")
def register_profile_listing():
    return PioneerProfileListingViewSet("pioneer_profiles")
