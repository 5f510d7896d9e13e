"""Check-in at the door, per event: the screen, its taps, the scanned QR link, the door list
and the no-shows. Only for coordinators of the event (``selectors.events_managed_by``):
another section's event does not exist here (404), someone without the registration rights
is refused (403).

The check-in screen and the door list are small pages of their own (not the full admin
chrome): a phone at the door on a slow connection loads one HTML page, one CSS and one script
file. The screen works without JavaScript (search with GET, a form per person); with it,
search filters as you type and a tap is one small POST answered with JSON.
"""

from urllib.parse import parse_qs, urlparse

from django.contrib import messages as django_messages
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from learning.core.errors import form_refused

from .. import selectors, services, timetable
from ..filters import event_choice_label
from ..models import EventPage, Registration, RegistrationStatus
from ..services import RegistrationError
from .actions import NoInputForm
from .common import registrations_url


class CheckinEventMixin(PermissionCheckedMixin):
    """The event of the URL, if the user coordinates it; 404 otherwise."""

    model = Registration
    permission_required = "change"
    index_url_name = None
    url_namespace = None

    @cached_property
    def event(self) -> EventPage:
        return get_object_or_404(
            selectors.events_managed_by(user=self.request.user), pk=self.kwargs["event_pk"]
        )

    def url(self, name: str, **query) -> str:
        url = reverse(f"{self.url_namespace}:{name}", args=(self.event.pk,))
        return f"{url}?{urlencode(query)}" if query else url

    def window_context(self) -> dict:
        opens, closes = services.checkin_window(self.event)
        try:
            services.check_checkin_window(event=self.event)
        except RegistrationError as error:
            return {"window_open": False, "window_message": error.message}
        return {"window_open": True, "window_message": "", "window_closes": closes}


def _person_name(registration: Registration) -> str:
    user = registration.user
    if user is None:
        return _("geanonimiseerd")
    return user.full_name or user.email


def _matches(registration: Registration, query: str) -> bool:
    user = registration.user
    haystack = " ".join(
        [
            user.full_name if user else "",
            user.email if user else "",
            registration.organisation.name if registration.organisation else "",
        ]
    ).casefold()
    return all(word in haystack for word in query.casefold().split())


class CheckinScreenView(CheckinEventMixin, View):
    """The check-in screen: the count, a search field and one button per person."""

    template_name = "events/admin/checkin.html"

    def get(self, request, *args, **kwargs):
        return self.render(request)

    def render(self, request, *, error: str = "", status: int = 200):
        people = selectors.checkin_people(event=self.event)
        count = selectors.CheckinCount(
            checked_in=sum(1 for r in people if r.status == RegistrationStatus.ATTENDED),
            expected=len(people),
        )
        query = request.GET.get("q", "").strip()[:100]
        shown = [r for r in people if _matches(r, query)] if query else people
        rows = [
            {
                "registration": registration,
                "name": _person_name(registration),
                "organisation": registration.organisation.name if registration.organisation else "",
                "checked_in": registration.status == RegistrationStatus.ATTENDED,
                "no_show": registration.status == RegistrationStatus.NO_SHOW,
                "search": " ".join(
                    [
                        _person_name(registration),
                        registration.user.email if registration.user else "",
                        registration.organisation.name if registration.organisation else "",
                    ]
                ).casefold(),
            }
            for registration in shown
        ]
        context = {
            "event": self.event,
            "event_label": event_choice_label(self.event),
            "rows": rows,
            "count": count,
            "query": query,
            "error": error,
            "tap_url": self.url("checkin_tap"),
            "code_url": self.url("checkin_code"),
            "door_list_url": self.url("door_list"),
            "registrations_url": registrations_url(self.index_url_name, self.event.pk),
            "messages": django_messages.get_messages(request),
            **self.window_context(),
        }
        return TemplateResponse(request, self.template_name, context, status=status)


class CheckinTapView(CheckinScreenView):
    """One tap on the check-in screen: POST a registration and "in" or "undo".

    With ``Accept: application/json`` (the screen's script) the answer is JSON: the person's
    new state and the count, or the refusal's message with its status. Without (no script):
    back to the screen with a message, or the screen with the refusal and its status.
    """

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        wants_json = "application/json" in request.headers.get("Accept", "")
        # The script posts ``registration`` and ``action``; the form without script posts the
        # pressed button, ``tap`` = "in:<id>" or "undo:<id>".
        action, _sep, registration_id = request.POST.get("tap", "").partition(":")
        action = request.POST.get("action", action)
        try:
            registration_id = int(request.POST.get("registration", registration_id))
        except ValueError:
            registration_id = None
        if registration_id is None or action not in ("in", "undo"):
            message = _("Onvolledig verzoek: kies een persoon en inchecken of terugdraaien.")
            if wants_json:
                return JsonResponse({"ok": False, "message": message}, status=400)
            return HttpResponseBadRequest(message)
        registration = get_object_or_404(
            Registration.objects.select_related("user"),
            pk=registration_id,
            event_id=self.event.pk,
        )
        registration.event = self.event
        service = (
            services.registration_check_in
            if action == "in"
            else services.registration_check_in_undo
        )
        try:
            registration = service(registration=registration, actor=request.user, via="scherm")
        except RegistrationError as error:
            if wants_json:
                return JsonResponse(
                    {"ok": False, "message": str(error.message)}, status=error.status
                )
            return self.render(request, error=str(error.message), status=error.status)
        checked_in = registration.status == RegistrationStatus.ATTENDED
        name = _person_name(registration)
        message = (
            _("%(name)s is ingecheckt.") % {"name": name}
            if checked_in
            else _("Inchecken van %(name)s is teruggedraaid.") % {"name": name}
        )
        if not wants_json:
            django_messages.success(request, message)
            query = request.POST.get("q", "")
            return redirect(self.url("checkin", **({"q": query} if query else {})))
        count = selectors.checkin_count(event_id=self.event.pk)
        return JsonResponse(
            {
                "ok": True,
                "registration": registration.pk,
                "checked_in": checked_in,
                "message": message,
                "count": {"checked_in": count.checked_in, "expected": count.expected},
            }
        )


def _token_from(value: str) -> str:
    """A token, or the whole scanned link pasted into the screen's code field."""
    value = value.strip()
    if "token=" in value:
        return parse_qs(urlparse(value).query).get("token", [""])[0]
    return value


class CheckinCodeView(CheckinEventMixin, View):
    """A scanned QR link: GET shows the person and an "Inchecken" button, POST checks in.

    A forged, damaged or expired link, or one of another event, gets the refusal's message
    and its 4xx status; nothing about anyone is shown then.
    """

    template_name = "events/admin/checkin_code.html"

    def render(self, request, *, status=200, **context):
        context = {
            "event": self.event,
            "event_label": event_choice_label(self.event),
            "screen_url": self.url("checkin"),
            **self.window_context(),
            **context,
        }
        return TemplateResponse(request, self.template_name, context, status=status)

    def registration(self, token: str) -> Registration:
        return services.registration_for_checkin_code(token=_token_from(token), event=self.event)

    def get(self, request, *args, **kwargs):
        token = request.GET.get("token", "")
        try:
            registration = self.registration(token)
        except RegistrationError as error:
            return self.render(request, error=error.message, status=error.status)
        return self.render(
            request,
            registration=registration,
            name=_person_name(registration),
            token=_token_from(token),
            checked_in=registration.status == RegistrationStatus.ATTENDED,
        )

    def post(self, request, *args, **kwargs):
        try:
            registration = self.registration(request.POST.get("token", ""))
            registration = services.registration_check_in(
                registration=registration, actor=request.user, via="qr"
            )
        except RegistrationError as error:
            return self.render(request, error=error.message, status=error.status)
        return self.render(
            request,
            registration=registration,
            name=_person_name(registration),
            done=True,
            checked_in=True,
            count=selectors.checkin_count(event_id=self.event.pk),
        )


class DoorListView(CheckinEventMixin, View):
    """The printable door list: A4, sorted by surname, with a column to sign."""

    template_name = "events/admin/door_list.html"

    def get(self, request, *args, **kwargs):
        people = timetable.prefetch_session_choices(selectors.checkin_people(event=self.event))
        rows = [
            {
                "name": _person_name(registration),
                "organisation": registration.organisation.name if registration.organisation else "",
                "sessions": timetable.registration_sessions_label(registration=registration),
                "checked_in": registration.status == RegistrationStatus.ATTENDED,
            }
            for registration in people
        ]
        return TemplateResponse(
            request,
            self.template_name,
            {
                "event": self.event,
                "rows": rows,
                "registrations_url": registrations_url(self.index_url_name, self.event.pk),
            },
        )


class NoShowView(CheckinEventMixin, WagtailAdminTemplateMixin, FormView):
    """ "Markeer niet-verschenen": after the event, confirmed people who were not checked in."""

    form_class = NoInputForm
    template_name = "events/admin/no_shows.html"
    header_icon = "warning"
    page_title = gettext_lazy("Markeer niet-verschenen")

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
            count = services.event_mark_no_shows(event=self.event, actor=self.request.user)
        except RegistrationError as error:
            return form_refused(self, form, error)
        messages.success(
            self.request,
            _("%(count)s deelnemers staan nu als niet verschenen.") % {"count": count},
        )
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = selectors.checkin_count(event_id=self.event.pk)
        context.update(
            {
                "event": self.event,
                "event_label": event_choice_label(self.event),
                "not_checked_in": count.expected - count.checked_in,
                "cancel_url": self.get_success_url(),
            }
        )
        return context
