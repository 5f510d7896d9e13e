"""Bulk check-in from the registrations listing: select rows, "Aanwezig".

Wagtail's bulk-action machinery (the checkboxes, the footer, the confirmation page) with our
own rules: only registrations of events the user coordinates are found (others: 404), and
the check-in goes through ``services.registrations_check_in`` per event (the window, the
lock, the log). A refusal (the window is closed) is shown on the confirmation page with its
status; nothing is half-written.
"""

from collections import defaultdict

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .. import services
from ..models import Registration
from ..services import RegistrationError
from .common import participant_label, registrations_managed_by


class CheckInBulkAction(PermissionCheckedMixin, BulkAction):
    display_name = gettext_lazy("Aanwezig")
    action_type = "aanwezig"
    aria_label = gettext_lazy("Geselecteerde deelnemers aanwezig melden (inchecken)")
    template_name = "events/admin/bulk_check_in.html"
    models = [Registration]
    permission_policy = ModelPermissionPolicy(Registration)
    permission_required = "change"
    action_priority = 10

    def get_actionable_objects(self):
        # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses (a 500);
        # and no id beyond the 64-bit column, which SQLite refuses to compare (a 500 as well).
        ids = [
            int(value)
            for value in self.request.GET.getlist("id")
            if value.isascii() and value.isdigit() and int(value) < 2**63
        ]
        objects = list(
            registrations_managed_by(self.request.user).filter(pk__in=ids).order_by("pk")
        )
        if not objects:
            raise Http404
        return objects, {"items_with_no_access": []}

    def object_context(self, obj):
        return {"item": obj, "label": participant_label(obj)}

    def form_valid(self, form):
        objects, _no_access = self.get_actionable_objects()
        per_event = defaultdict(list)
        for registration in objects:
            per_event[registration.event_id].append(registration)
        checked_in, skipped = 0, []
        try:
            for registrations in per_event.values():
                count, not_seated = services.registrations_check_in(
                    event=registrations[0].event,
                    registration_ids=[r.pk for r in registrations],
                    actor=self.request.user,
                    via="lijst",
                )
                checked_in += count
                skipped += not_seated
        except RegistrationError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=error.status)
        messages.success(
            self.request, _("%(count)s deelnemers zijn ingecheckt.") % {"count": checked_in}
        )
        if skipped:
            messages.warning(
                self.request,
                _("Niet ingecheckt, want zonder bevestigde plek: %(names)s.")
                % {"names": ", ".join(participant_label(r) for r in skipped)},
            )
        return redirect(self.next_url)
