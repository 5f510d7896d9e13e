"""Thin views: read with selectors, write with services, answer in Dutch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from learning.accounts.services import calendar_token_get_or_create, calendar_token_regenerate
from learning.calendar.links import calendar_links, subscribe_url
from learning.core.filtering import LiveItemKey, filter_list_response
from learning.core.ratelimit import posted, rate_limited

from . import selectors, services
from .forms import AgendaFilterForm, HandoverForm
from .models import Registration
from .notifications import OFFER_SALT, offer_token
from .predicates import registration_actions, registration_rows
from .services import RegistrationError

AGENDA_PAGE_SIZE = 12


def agenda(request, index_page, *, past: bool):
    return filter_list_response(
        request,
        page=index_page,
        form_class=AgendaFilterForm,
        select=lambda **filters: selectors.events_for_agenda(past=past, **filters),
        per_page=AGENDA_PAGE_SIZE,
        template="events/event_index_page.html",
        items_name="events",
        action=index_page.url + ("afgelopen/" if past else ""),
        extra_context={"past": past},
        # A card shows what a publication changes, and these, which it does not: whether the
        # event is past (the cached list expires when an event ends) and, never cached, the
        # seats taken. The agenda is the same for everyone: its list is cached for all.
        item_key=lambda event: (event.pk, event.is_past, event.cancelled),
        live_key=SEATS_TAKEN,
        cache_list=True,
        list_expires=selectors.agenda_changes_at,
    )


SEATS_TAKEN = LiveItemKey(
    of_item=lambda event: event.seats_taken,
    of_ids=lambda ids: selectors.events_seats_taken(event_ids=ids),
)


def _registration_blocker(event, user) -> str | None:
    """Why this person cannot register right now (shown instead of the button), or None."""
    try:
        services.check_window(event=event)
        if user.is_authenticated:
            services.check_can_register(user=user)
            services.check_eligible(event=event, user=user)
    except RegistrationError as error:
        return error.message
    return None


def event_detail(request, event, *, error: str | None = None, status: int = 200):
    user = request.user
    registration = selectors.registration_active_for(event=event, user=user)
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    summary = selectors.event_seat_summary(
        event=event, organisation_id=organisation.pk if organisation else None
    )
    actions = registration_actions(registration=registration) if registration else None
    context = {
        "page": event,
        "self": event,
        "summary": summary,
        "registration": registration,
        "actions": actions,
        "position": selectors.waiting_position(registration=registration) if registration else None,
        "organisation": organisation,
        "blocker": None if registration else _registration_blocker(event, user),
        "show_online_url": actions is not None and actions.can_see_online_url,
        "accept_token": offer_token(registration) if actions and actions.is_offered else None,
        "error": error,
        "calendar_links": None if event.is_past else calendar_links(event, request=request),
    }
    return TemplateResponse(request, event.get_template(request), context, status=status)


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@rate_limited("event_register")
def event_register(request, event):
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    try:
        registration = services.registration_create(event=event, user=request.user)
    except RegistrationError as error:
        return event_detail(request, event, error=error.message, status=error.status)
    actions = registration_actions(registration=registration)
    if not actions.is_waitlisted:
        messages.success(request, _("U bent aangemeld. De bevestiging staat in uw mailbox."))
        return redirect(event.url)
    # From the service's own aggregate, under the lock: no count of its own.
    position = registration.waiting_position_when_created
    if actions.waits_for_organisation_seat:
        # Seats may be free: the organisation's own maximum is what keeps this person waiting.
        messages.info(
            request,
            _(
                "Uw organisatie heeft het maximum van %(limit)s deelnemers voor deze bijeenkomst "
                "bereikt. U staat op de wachtlijst, op plek %(position)s, en krijgt een plek als "
                "een collega zich afmeldt."
            )
            % {"limit": event.organisation_limit, "position": position},
        )
    elif actions.waits_for_series_seat:
        messages.info(
            request,
            _(
                "Uw organisatie heeft het maximum aantal deelnemers voor de hele reeks bereikt. "
                "U staat op de wachtlijst, op plek %(position)s, en krijgt een plek als een "
                "collega zich afmeldt."
            )
            % {"position": position},
        )
    else:
        messages.info(
            request,
            _("De bijeenkomst is vol. U staat op de wachtlijst, op plek %(position)s.")
            % {"position": position},
        )
    return redirect(event.url)


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def event_cancel(request, event):
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    registration = selectors.registration_active_for(event=event, user=request.user)
    if registration is None:
        return event_detail(
            request, event, error=_("U bent niet aangemeld voor deze bijeenkomst."), status=409
        )
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except RegistrationError as error:
        return event_detail(request, event, error=error.message, status=error.status)
    messages.success(request, _("U bent afgemeld."))
    return redirect(_next_url(request, event.url))


@login_required
def event_accept_offer(request, event):
    token = request.GET.get("token") or request.POST.get("token", "")
    try:
        registration_id = int(signing.loads(token, salt=OFFER_SALT)["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return event_detail(
            request,
            event,
            error=_("Deze link is ongeldig. Gebruik de link uit de e-mail."),
            status=400,
        )
    registration = get_object_or_404(Registration, pk=registration_id, event_id=event.pk)
    registration.event = event
    if request.method == "POST":
        try:
            services.offer_accept(registration=registration, user=request.user)
        except RegistrationError as error:
            return event_detail(request, event, error=error.message, status=error.status)
        messages.success(request, _("U heeft de plek geaccepteerd. Tot dan!"))
        return redirect(event.url)
    return TemplateResponse(
        request,
        "events/accept_offer.html",
        {
            "page": event,
            "registration": registration,
            "actions": registration_actions(registration=registration),
            "is_for_someone_else": registration.user_id != request.user.pk,
            "token": token,
        },
    )


@rate_limited("event_handover", key=posted("email"))
def event_handover(request, event):
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    form = HandoverForm(request.POST)
    registration = selectors.registration_active_for(event=event, user=request.user)
    if registration is None:
        return event_detail(
            request, event, error=_("U bent niet aangemeld voor deze bijeenkomst."), status=409
        )
    if not form.is_valid():
        return event_detail(request, event, error=form.errors["email"][0], status=400)
    try:
        services.registration_handover(
            registration=registration, to_email=form.cleaned_data["email"], actor=request.user
        )
    except RegistrationError as error:
        return event_detail(request, event, error=error.message, status=error.status)
    messages.success(request, _("Uw plek is overgedragen aan uw collega."))
    return redirect(_next_url(request, event.url))


def _personal_feed_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("personal_feed", kwargs={"token": token}))


@login_required
def my_registrations(request):
    registrations = selectors.registrations_of_user(user=request.user)
    token = calendar_token_get_or_create(user=request.user)
    feed_url = _personal_feed_url(request, token)
    return TemplateResponse(
        request,
        "events/my_registrations.html",
        {
            "registrations": registrations,
            "rows": registration_rows(registrations=registrations),
            "feed_url": feed_url,
            "feed_webcal_url": subscribe_url(feed_url),
        },
    )


@login_required
def my_calendar_token_regenerate(request):
    """ "Nieuwe link maken": the old personal feed URL stops working."""
    if (refused := _post_only(request)) is not None:
        return refused
    calendar_token_regenerate(user=request.user)
    messages.success(
        request, _("Er is een nieuwe agendalink gemaakt. De oude link werkt niet meer.")
    )
    return redirect("events:my_registrations")
