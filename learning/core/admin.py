"""Shared pieces for Wagtail admin viewsets."""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from wagtail.admin.views import generic
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView

from .exports import LocalTimeExportMixin, local_datetime_label


def audit_trail_field(entries, *, statuses: dict, actions: dict) -> dict:
    """An inspect view's "Logboek" field for an audit trail (``core.models.AuditEntry``):
    one line per entry with the local time, the action, the status change, who and why."""
    lines = [
        f"{local_datetime_label(entry.created_at)}: "
        f"{actions.get(entry.action, entry.action)} "
        f"({statuses.get(entry.from_status, '–')} → {statuses.get(entry.to_status, '–')})"
        f"{' – ' + str(entry.actor) if entry.actor else ''}"
        f"{' – ' + entry.reason if entry.reason else ''}"
        for entry in entries
    ]
    return {"label": _("Logboek"), "value": "; ".join(lines) or "–"}


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
