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
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from learning.accounts.services import calendar_token_get_or_create, calendar_token_regenerate
from learning.calendar.links import calendar_links, subscribe_url
from learning.core.filtering import LiveItemKey, filter_list_response
from learning.core.ratelimit import posted, rate_limited

from . import selectors, services, timetable
from .forms import AgendaFilterForm, HandoverForm, RegistrationAnswersForm
from .history import history_rows, history_tasks
from .models import Registration
from .notifications import OFFER_SALT, checkin_qr_svg, offer_token
from .predicates import (
    registration_actions,
    registration_can_change_sessions,
    registration_can_edit_answers,
    registration_rows,
)
from .services import AnswersRefused, RegistrationError, SessionsRefused
from .services.errors import _error

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
    blocker = None if registration else _registration_blocker(event, user)
    programme = timetable.event_timetable(event=event)
    may_register = user.is_authenticated and registration is None and blocker is None
    context = {
        "page": event,
        "self": event,
        "summary": summary,
        "registration": registration,
        "actions": actions,
        "position": selectors.waiting_position(registration=registration) if registration else None,
        "organisation": organisation,
        "blocker": blocker,
        # Only where the "Aanmelden" button shows (with questions it leads to the form), or a
        # link to the person's own answers would.
        "has_questions": (may_register or (actions is not None and actions.can_edit_answers))
        and selectors.event_has_questions(event=event),
        "timetable": programme,
        # The sessions the person chose, per round (none: no query).
        "my_choices": (
            timetable.registration_choices(registration=registration)
            if registration is not None and programme.has_sessions
            else {}
        ),
        "show_online_url": actions is not None and actions.can_see_online_url,
        "accept_token": offer_token(registration) if actions and actions.is_offered else None,
        "error": error,
        "calendar_links": None if event.is_past else calendar_links(event, request=request),
    }
    return TemplateResponse(request, event.get_template(request), context, status=status)


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


# Posted by the registration form (templates/events/registration_form.html): the answers and
# the sessions come with it. The one-button form of an event without questions or sessions
# does not send it, and the view reads no questions for it (the service asks under its lock).
ANSWERS_FORM_MARKER = "answers_form"


def _answers_form_response(request, event, form, *, mode: str, status: int = 200):
    """The registration form (``mode`` "register"), or the page to change the answers
    ("answers") or the sessions ("sessions") afterwards."""
    context = {
        "page": event,
        "form": form,
        "mode": mode,
        "registering": mode == "register",
        "answers_form_marker": ANSWERS_FORM_MARKER,
    }
    if mode == "register":
        organisation = getattr(request.user, "organisation", None)
        context["organisation"] = organisation
        context["summary"] = selectors.event_seat_summary(
            event=event, organisation_id=organisation.pk if organisation else None
        )
    return TemplateResponse(request, "events/registration_form.html", context, status=status)


def _registration_form(event, data=None, *, questions=None, programme=None):
    return RegistrationAnswersForm(
        data,
        questions=selectors.event_questions(event=event) if questions is None else questions,
        timetable=timetable.event_timetable(event=event) if programme is None else programme,
    )


def _register_form(request, event):
    """GET register/: the sessions to choose and the questions to answer before registering,
    for who may register."""
    user = request.user
    if (
        selectors.registration_active_for(event=event, user=user) is not None
        or _registration_blocker(event, user) is not None
    ):
        return redirect(event.url)  # the event page says why, or shows the registration
    questions = selectors.event_questions(event=event)
    programme = timetable.event_timetable(event=event)
    if not questions and not programme.has_sessions:
        return redirect(event.url)  # the one-button flow
    form = _registration_form(event, questions=questions, programme=programme)
    return _answers_form_response(request, event, form, mode="register")


@rate_limited("event_register")
def event_register(request, event):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(f"{event.url}register/" if request.method == "GET" else event.url)
    if request.method == "GET":
        return _register_form(request, event)
    form, answers, sessions = None, None, None
    if ANSWERS_FORM_MARKER in request.POST:
        form = _registration_form(event, request.POST)
        if not form.is_valid():
            return _answers_form_response(request, event, form, mode="register", status=400)
        answers, sessions = form.answers(), form.sessions()
    try:
        registration = services.registration_create(
            event=event, user=request.user, answers=answers, sessions=sessions
        )
    except (AnswersRefused, SessionsRefused) as refusal:
        # A post without the form, or questions or sessions changed since the form was read:
        # the form as it is now, and what is missing on its fields.
        form = _registration_form(event, request.POST)
        if form.is_valid():
            form.add_refusal(refusal)
        return _answers_form_response(request, event, form, mode="register", status=400)
    except RegistrationError as error:
        return event_detail(request, event, error=error.message, status=error.status)
    actions = registration_actions(registration=registration)
    if not actions.is_waitlisted:
        messages.success(request, _("U bent aangemeld. De bevestiging staat in uw mailbox."))
        if sessions:
            _tell_waiting_sessions(request, registration)
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
    target = request.POST.get("next", "") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


# The field "Ja, afmelden" posts: without it nothing is cancelled (the confirmation page shows).
CANCEL_CONFIRMED = "confirm"


def event_cancel(request, event):
    """ "Afmelden": GET (and a POST without the confirmation) shows what cancelling means for
    this registration; the POST of "Ja, afmelden" cancels. Cancelling cannot be undone."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(f"{event.url}cancel/")
    registration = selectors.registration_active_for(event=event, user=request.user)
    if registration is None:
        return event_detail(
            request, event, error=_("U bent niet aangemeld voor deze bijeenkomst."), status=409
        )
    actions = registration_actions(registration=registration)
    if not actions.can_cancel:
        # The refusal the cancel service would give (predicates.registration_can_cancel is its
        # rule): attended is done, anything else is past the cancellation deadline.
        refusal = _error("not_active" if actions.is_attended else "cancel_deadline_passed")
        return event_detail(request, event, error=refusal.message, status=refusal.status)
    if request.method == "GET" or request.POST.get(CANCEL_CONFIRMED) != "yes":
        return _cancel_confirmation(request, event, registration, actions)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except RegistrationError as error:
        return event_detail(request, event, error=error.message, status=error.status)
    messages.success(request, _("U bent afgemeld."))
    return redirect(_next_url(request, event.url))


def _cancel_confirmation(request, event, registration, actions):
    summary = selectors.event_seat_summary(event=event)
    return TemplateResponse(
        request,
        "events/cancel_confirm.html",
        {
            "page": event,
            "registration": registration,
            "actions": actions,
            "position": selectors.waiting_position(registration=registration),
            # Someone else waits: the seat goes on (the waiting person is this one otherwise).
            "others_wait": summary.waiting > (1 if actions.is_waitlisted else 0),
            "next_url": _next_url(request, event.url),
        },
    )


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


@login_required
def event_answers(request, event):
    """The person's answers to the event's questions: shown, and changed until the
    cancellation deadline (``registration_can_edit_answers``)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    registration = selectors.registration_active_for(event=event, user=request.user)
    if registration is None:
        return event_detail(
            request, event, error=_("U bent niet aangemeld voor deze bijeenkomst."), status=409
        )
    if not registration_can_edit_answers(registration=registration):
        refusal = _error("answers_deadline_passed")
        return event_detail(request, event, error=refusal.message, status=refusal.status)
    questions = selectors.event_questions(event=event)
    if not questions:
        return redirect(event.url)
    answers = list(registration.answers.all())
    if request.method == "GET":
        form = RegistrationAnswersForm(questions=questions, answers=answers)
        return _answers_form_response(request, event, form, mode="answers")
    form = RegistrationAnswersForm(request.POST, questions=questions, answers=answers)
    if not form.is_valid():
        return _answers_form_response(request, event, form, mode="answers", status=400)
    try:
        services.registration_answers_update(
            registration=registration, raw=form.answers(), actor=request.user
        )
    except AnswersRefused as refusal:
        form.add_refusal(refusal)
        return _answers_form_response(request, event, form, mode="answers", status=400)
    except RegistrationError as error:
        return event_detail(request, event, error=error.message, status=error.status)
    messages.success(request, _("Uw antwoorden zijn opgeslagen."))
    return redirect("events:my_registrations")


def _tell_waiting_sessions(request, registration, choices=None) -> None:
    """Say which chosen sessions were full (the person waits for them)."""
    if choices is None:
        choices = timetable.registration_choices(registration=registration).values()
    for choice in choices:
        if choice is not None and not choice.is_seated:
            messages.info(
                request,
                _(
                    "De sessie ‘%(session)s’ is vol. U staat op de wachtlijst van die sessie en "
                    "krijgt een e-mail als er een plek vrijkomt. U kunt ook een andere sessie "
                    "kiezen."
                )
                % {"session": choice.session.title},
            )


@login_required
def event_sessions(request, event):
    """The person's sessions: shown, and changed until the cancellation deadline
    (``registration_can_change_sessions``). A changed choice frees the old seat for the next
    person waiting for that session."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    registration = selectors.registration_active_for(event=event, user=request.user)
    if registration is None:
        return event_detail(
            request, event, error=_("U bent niet aangemeld voor deze bijeenkomst."), status=409
        )
    if not registration_can_change_sessions(registration=registration):
        refusal = _error("sessions_deadline_passed")
        return event_detail(request, event, error=refusal.message, status=refusal.status)
    programme = timetable.event_timetable(event=event)
    if not programme.has_sessions:
        return redirect(event.url)
    choices = timetable.registration_choices(registration=registration)
    if request.method == "GET":
        form = RegistrationAnswersForm(questions=(), timetable=programme, choices=choices)
        return _answers_form_response(request, event, form, mode="sessions")
    form = RegistrationAnswersForm(request.POST, questions=(), timetable=programme, choices=choices)
    if not form.is_valid():
        return _answers_form_response(request, event, form, mode="sessions", status=400)
    try:
        outcome = services.registration_sessions_update(
            registration=registration, raw=form.sessions(), actor=request.user
        )
    except SessionsRefused as refusal:
        form.add_refusal(refusal)
        return _answers_form_response(request, event, form, mode="sessions", status=400)
    except RegistrationError as error:
        return event_detail(request, event, error=error.message, status=error.status)
    if outcome.changed:
        messages.success(request, _("Uw sessies zijn opgeslagen."))
    else:
        messages.info(request, _("Uw sessies waren al zo; er is niets gewijzigd."))
    _tell_waiting_sessions(request, registration, outcome.waiting)
    return redirect(_next_url(request, reverse("events:my_registrations")))


def _personal_feed_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("personal_feed", kwargs={"token": token}))


@login_required
def my_registrations(request):
    """Two parts: "Komend" and "Eerder" (the history, with what higher apps add to it through
    learning.events.history: certificates, evaluations)."""
    registrations = list(
        timetable.with_session_choices(
            selectors.registrations_with_answers(selectors.registrations_of_user(user=request.user))
        ).prefetch_related("event__rounds")
    )
    for registration in registrations:
        # For events/includes/registration_answers.html (prefetched: no query per row).
        registration.answer_rows = selectors.answer_rows(registration=registration)
    rows = registration_rows(registrations=registrations)
    for row in rows:
        if row.actions.shows_checkin_code:
            # segno's SVG: built from our own signed URL, no user input.
            row.registration.checkin_qr = mark_safe(checkin_qr_svg(row.registration))  # noqa: S308
    token = calendar_token_get_or_create(user=request.user)
    feed_url = _personal_feed_url(request, token)
    return TemplateResponse(
        request,
        "events/my_registrations.html",
        {
            "registrations": registrations,
            "rows": rows,
            "upcoming_rows": [row for row in rows if not row.in_history],
            "history_rows": history_rows(
                user=request.user, rows=[row for row in rows if row.in_history]
            ),
            "history_tasks": history_tasks(user=request.user),
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
