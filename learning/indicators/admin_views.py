"""Indicator screens in the Wagtail admin for coordinators: every organisation's values,
read-only, exported without formulas and in Dutch time, each with its log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

from learning.core.admin import AuditTrailInspectMixin, LocalTimeInspectMixin
from learning.core.exports import LocalTimeExportMixin


class IndicatorValueIndexView(LocalTimeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "indicator")


class IndicatorValueInspectView(AuditTrailInspectMixin, LocalTimeInspectMixin, generic.InspectView):
    audit_actions = {"entered": _("Ingevuld"), "changed": _("Gewijzigd")}
