"""Shared pieces for Wagtail admin viewsets."""

import datetime

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

from .exports import LocalTimeExportMixin, local_datetime_label


class AuditTrailInspectMixin:
    """One "Logboek" for every object's history in the admin: the object's own audit trail
    (``core.models.AuditEntry`` rows, ``log_entries``) and what Wagtail's log holds about it
    (``wagtail.log_actions.log``, e.g. "opnieuw versturen"), merged in time order, in local
    time, rendered by one template (``core/admin/audit_trail.html``).

    A view sets ``audit_actions`` (action code → label) and ``audit_statuses`` (status code →
    label); both fall back to the code itself.
    """

    template_name = "core/admin/inspect_with_audit_trail.html"
    audit_actions: dict = {}
    audit_statuses: dict = {}

    def audit_trail(self) -> list[dict]:
        rows = []
        trail = getattr(self.object, "log_entries", None)
        if trail is not None:
            for entry in trail.select_related("actor"):
                rows.append(
                    {
                        "at": entry.created_at,
                        "action": self.audit_actions.get(entry.action, entry.action),
                        "from_status": self.audit_statuses.get(
                            entry.from_status, entry.from_status
                        ),
                        "to_status": self.audit_statuses.get(entry.to_status, entry.to_status),
                        "actor": entry.actor,
                        "reason": entry.reason,
                    }
                )
        for entry in ModelLogEntry.objects.for_instance(self.object).select_related("user"):
            rows.append(
                {
                    "at": entry.timestamp,
                    "action": entry.message,
                    "from_status": "",
                    "to_status": "",
                    "actor": entry.user,
                    "reason": "",
                }
            )
        rows.sort(key=lambda row: row["at"])
        for row in rows:
            row["at_label"] = local_datetime_label(row["at"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["audit_trail"] = self.audit_trail()
        return context


class LocalTimeInspectMixin:
    """An inspect view that shows empty values as "–" and moments in Dutch local time (the
    generic template's ``|localize`` would print UTC)."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "–"
        if isinstance(value, datetime.datetime):
            return local_datetime_label(value)
        return value


class SafeExportIndexView(LocalTimeExportMixin, generic.IndexView):
    """Wagtail's model listing, its CSV export without formulas and its moments in local time
    (``learning.core.exports``)."""


class SafeExportSnippetIndexView(LocalTimeExportMixin, SnippetIndexView):
    """Wagtail's snippet listing, its CSV export without formulas and its moments in local time
    (``learning.core.exports``)."""


class ServiceManagedViewSetMixin:
    """For ModelViewSets whose rows change only through services, never through a form.

    Links to a row from elsewhere in the admin open its inspect view, and only the view and
    change permissions are offered to groups (there is no add or delete).
    """

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_permissions_to_register(self):
        codenames = [
            get_permission_codename(action, self.model_opts) for action in ("view", "change")
        ]
        return super().get_permissions_to_register().filter(codename__in=codenames)


class ProtectedDeleteView(SnippetDeleteView):
    """Wagtail's snippet delete, refusing in Dutch (409) instead of failing with a 500 when
    other records still point at the object through a protected foreign key that Wagtail's
    reference index does not know about (accounts, registrations, monitor responses)."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})
            messages.error(
                self.request,
                _(
                    "%(object)s kan niet worden verwijderd: er verwijzen nog %(count)d gegevens "
                    "naar (%(kinds)s). Pas die eerst aan of laat dit staan."
                )
                % {
                    "object": self.object,
                    "count": len(error.protected_objects),
                    "kinds": ", ".join(kinds),
                },
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 409
            return response
