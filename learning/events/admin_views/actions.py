"""Actions on one registration (cancel, promote, move, hand over, check in), each through
learning.events.services."""

from django import forms
from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from learning.core.errors import form_refused

from .. import selectors, services
from ..filters import event_choice_label
from ..forms import CoordinatorReasonForm, HandoverForm
from ..models import (
    Registration,
)
from ..services import RegistrationError
from .common import (
    ACTIONS_BY_NAME,
    RegistrationAction,
    participant_label,
    registrations_managed_by,
    registrations_url,
)


class NoInputForm(forms.Form):
    """A confirmation without input (check-in)."""


class RegistrationActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """GET shows a confirmation form, POST calls the service.

    A refusal from the service (RegistrationError) comes back as a form error with status 409;
    an incomplete form with status 400. Success goes back to the listing of the event.
    """

    model = Registration
    permission_required = "change"
    template_name = "events/admin/registration_action.html"
    header_icon = "group"
    index_url_name = None
    inspect_url_name = None
    action_name = ""
    form_class = CoordinatorReasonForm
    explanation = ""
    warning = ""
    submit_label = _("Bevestigen")

    @cached_property
    def action(self) -> RegistrationAction:
        return ACTIONS_BY_NAME[self.action_name]

    @cached_property
    def object(self) -> Registration:
        # Another section's registration does not exist here: 404 for GET and POST alike.
        return get_object_or_404(registrations_managed_by(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.action.label

    def get_page_subtitle(self):
        return participant_label(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Registration._meta.verbose_name_plural),
            },
            {
                "url": reverse(self.inspect_url_name, args=(quote(self.object.pk),)),
                "label": participant_label(self.object),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "position" in form.fields and self.action_name != "move":
            del form.fields["position"]
        return form

    def get_success_url(self):
        return registrations_url(self.index_url_name, self.object.event_id)

    def perform(self, data) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if refused := self.refuse_stale():
            return refused
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if refused := self.refuse_stale():
            return refused
        return super().post(request, *args, **kwargs)

    def refuse_stale(self):
        """The listing may be out of date: offer an action only for the status it fits."""
        if self.action.applies_to(self.object):
            return None
        form = NoInputForm(data={})
        form.full_clean()
        form.add_error(
            None,
            _("Dit kan niet bij een aanmelding met de status ‘%(status)s’.")
            % {"status": self.object.get_status_display()},
        )
        return self.render_to_response(self.get_context_data(form=form, refused=True), status=409)

    def form_valid(self, form):
        try:
            message = self.perform(form.cleaned_data)
        except RegistrationError as error:
            return form_refused(self, form, error)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "participant": participant_label(self.object),
                "event_label": event_choice_label(self.object.event),
                "explanation": self.explanation,
                "warning": self.warning,
                "submit_label": self.submit_label,
                "cancel_url": self.get_success_url(),
            }
        )
        return context


class CancelView(RegistrationActionView):
    action_name = "cancel"
    explanation = _(
        "De deelnemer wordt afgemeld en krijgt daarover een e-mail. Een vrijgekomen plek gaat "
        "naar de eerste op de wachtlijst die past."
    )
    submit_label = _("Afmelden")

    def perform(self, data):
        services.registration_cancel(
            registration=self.object, actor=self.request.user, reason=data["reason"]
        )
        return _("%(name)s is afgemeld.") % {"name": participant_label(self.object)}


class PromoteView(RegistrationActionView):
    action_name = "promote"
    warning = _(
        "Dit is een overrule: de deelnemer krijgt een plek, ook als de bijeenkomst vol is of "
        "het maximum per organisatie is bereikt. Het aantal plaatsen en het maximum per "
        "organisatie gelden hier niet. De reden komt in het logboek."
    )
    submit_label = _("Plek geven (overrule)")

    def perform(self, data):
        services.registration_promote(
            registration=self.object, actor=self.request.user, reason=data["reason"]
        )
        return _("%(name)s heeft een plek gekregen (overrule).") % {
            "name": participant_label(self.object)
        }


class MoveView(RegistrationActionView):
    action_name = "move"
    explanation = _("Plek 1 is de eerste op de wachtlijst.")
    submit_label = _("Verplaatsen")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["position"].required = True
        return form

    def get_initial(self):
        return {"position": selectors.waiting_position(registration=self.object)}

    def perform(self, data):
        services.registration_move(
            registration=self.object,
            actor=self.request.user,
            position=data["position"],
            reason=data["reason"],
        )
        return _("%(name)s is verplaatst op de wachtlijst.") % {
            "name": participant_label(self.object)
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["waiting_position"] = selectors.waiting_position(registration=self.object)
        return context


class HandoverView(RegistrationActionView):
    action_name = "handover"
    form_class = HandoverForm
    explanation = _(
        "De plek gaat naar een collega van dezelfde organisatie met een account en een "
        "bevestigd e-mailadres. Beiden krijgen een e-mail; de overdracht komt in het logboek."
    )
    submit_label = _("Overdragen")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].label = _("E-mailadres van de collega")
        return form

    def perform(self, data):
        registration = services.registration_handover(
            registration=self.object, to_email=data["email"], actor=self.request.user
        )
        return _("De plek is overgedragen aan %(name)s.") % {
            "name": participant_label(registration)
        }


class AttendedView(RegistrationActionView):
    action_name = "attended"
    form_class = NoInputForm
    attended = True
    explanation = _("Meld de deelnemer aanwezig.")
    submit_label = _("Aanwezig")

    def perform(self, data):
        services.registration_set_attended(
            registration=self.object, actor=self.request.user, attended=self.attended
        )
        if self.attended:
            return _("%(name)s is aanwezig gemeld.") % {"name": participant_label(self.object)}
        return _("%(name)s staat weer als niet aanwezig.") % {
            "name": participant_label(self.object)
        }


class NotAttendedView(AttendedView):
    action_name = "not_attended"
    attended = False
    explanation = _("Draai de aanwezigheid terug: de deelnemer staat weer als bevestigd.")
    submit_label = _("Niet aanwezig")
