"""Per event: one e-mail to every confirmed participant, through the outbox."""

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
from ..forms import EventMessageForm
from ..models import (
    EventPage,
    Registration,
)
from ..services import RegistrationError
from .common import (
    outbox_url,
    registrations_url,
)


class EventMessageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """One e-mail to every confirmed participant of an event, through the outbox."""

    model = Registration
    permission_required = "change"
    template_name = "events/admin/event_message.html"
    form_class = EventMessageForm
    header_icon = "mail"
    page_title = _("Bericht aan deelnemers")
    index_url_name = None

    @cached_property
    def event(self) -> EventPage:
        return get_object_or_404(
            selectors.events_managed_by(user=self.request.user), pk=self.kwargs["event_pk"]
        )

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Registration._meta.verbose_name_plural),
            },
            {"url": self.get_success_url(), "label": self.event.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_success_url(self):
        return registrations_url(self.index_url_name, self.event.pk)

    def form_valid(self, form):
        try:
            count = services.event_message_send(
                event=self.event,
                actor=self.request.user,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except RegistrationError as error:
            return form_refused(self, form, error)
        buttons = []
        if url := outbox_url(self.event.pk):
            buttons.append(messages.button(url, _("Bekijk de e-mails")))
        messages.success(
            self.request,
            _("Het bericht staat in de wachtrij voor %(count)s deelnemers.") % {"count": count},
            buttons=buttons,
        )
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "event": self.event,
                "event_label": event_choice_label(self.event),
                "cancel_url": self.get_success_url(),
                "outbox_url": outbox_url(self.event.pk),
            }
        )
        return context
