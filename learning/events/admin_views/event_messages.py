"""Per event: one e-mail to everyone with a seat, through the outbox.

Three steps, as a careful mail tool has them: write (with the number of recipients), check
(the e-mail as the first recipient will get it, the number again, a test to oneself), send.
The form carries a one-time token from its first display, so a double submit of "Versturen"
queues nothing twice (``services.event_message_send``).
"""

from uuid import uuid4

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

from .. import notifications, selectors, services
from ..filters import event_choice_label
from ..forms import EventMessageForm
from ..models import (
    EventPage,
    Registration,
)
from ..services import RegistrationError
from .common import (
    outbox_url,
    participant_label,
    registrations_url,
)

# What the buttons of the form post as ``action``; anything else (or nothing) shows the check
# step: sending always goes through it.
SEND, TEST, EDIT = "send", "test", "edit"


class EventMessageView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Write, check (preview, count, test to oneself) and send a message to participants."""

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

    @cached_property
    def recipients(self) -> list[Registration]:
        return list(selectors.event_message_recipients(event=self.event))

    def get_initial(self):
        return {"token": uuid4().hex}

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
        action = self.request.POST.get("action", "")
        data = form.cleaned_data
        if action == EDIT:
            return self.render_to_response(self.get_context_data(form=form))
        if action == TEST:
            try:
                services.event_message_send_test(
                    event=self.event,
                    actor=self.request.user,
                    subject=data["subject"],
                    body=data["body"],
                )
            except RegistrationError as error:
                return form_refused(self, form, error)
            return self.render_to_response(
                self.get_context_data(form=form, step="check", test_sent_to=self.request.user.email)
            )
        if action != SEND:
            return self.render_to_response(self.get_context_data(form=form, step="check"))
        try:
            count = services.event_message_send(
                event=self.event,
                actor=self.request.user,
                subject=data["subject"],
                body=data["body"],
                token=data["token"],
            )
        except RegistrationError as error:
            if error.code == "message_already_sent":
                # The same form twice: the first send stands; say so where the first went.
                messages.warning(self.request, error.message)
                return redirect(self.get_success_url())
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

    def _preview(self, form) -> dict:
        """The e-mail as the first recipient gets it (or, with nobody yet, as the test)."""
        sample = self.recipients[0] if self.recipients else None
        data = form.cleaned_data
        rendered = notifications.event_message_preview(
            event=self.event,
            registration=sample,
            recipient=sample.user if sample else self.request.user,
            subject=data["subject"],
            body=data["body"],
        )
        return {
            "subject": rendered["subject"],
            "text": rendered["text"],
            "recipient": participant_label(sample) if sample else None,
        }

    def get_context_data(self, **kwargs):
        step = kwargs.pop("step", "write")
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            {
                "step": step,
                "event": self.event,
                "event_label": event_choice_label(self.event),
                "recipient_count": len(self.recipients),
                "cancel_url": self.get_success_url(),
                "outbox_url": outbox_url(self.event.pk),
                "preview": self._preview(form) if step == "check" else None,
            }
        )
        return context
