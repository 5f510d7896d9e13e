"""Thin views: enrolling in a whole programme (``<programme-url>aanmelden/``)."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse

from learning.core.errors import DomainError
from learning.core.ratelimit import rate_limited
from learning.events.services import RegistrationError, check_can_register

from . import selectors, services


def _confirmation(request, programme, *, error=None, status=200):
    blocker = None
    try:
        check_can_register(user=request.user)
    except RegistrationError as refusal:
        blocker = refusal.message
    plans = selectors.programme_enrolment_preview(programme=programme, user=request.user)
    return TemplateResponse(
        request,
        "masterclasses/programme_enrol.html",
        {
            "page": programme,
            "self": programme,
            "plans": plans,
            "can_enrol": blocker is None and any(plan.is_seat or plan.is_waiting for plan in plans),
            "blocker": blocker,
            "error": error,
        },
        status=status,
    )


@rate_limited("programme_enrol")
def programme_enrol(request, programme):
    """GET: what enrolling would do per masterclass, and the button; POST: enrol, then the
    outcome per masterclass."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method != "POST":
        return _confirmation(request, programme)
    try:
        outcomes = services.programme_enrol(programme=programme, user=request.user)
    except DomainError as error:
        return _confirmation(request, programme, error=error.message, status=error.status)
    return TemplateResponse(
        request,
        "masterclasses/programme_enrolled.html",
        {
            "page": programme,
            "self": programme,
            "outcomes": outcomes,
            "changed": any(item.registration is not None for item in outcomes),
        },
    )
