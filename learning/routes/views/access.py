"""Who may read or change which route, decided once for every view: the organisation's verified
members and coordinators read (anyone else gets a 404, so organisation ids reveal nothing);
only members write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from learning.organisations.models import Organisation

from .. import services
from ..forms import DeleteForm


def refusal(request, message, *, status: int):
    return TemplateResponse(request, "routes/refusal.html", {"message": message}, status=status)


def route_url(organisation_id: int, anchor: str = "") -> str:
    url = reverse("routes:detail", kwargs={"organisation_id": organisation_id})
    return f"{url}#{anchor}" if anchor else url


def readable(request, organisation_id: int):
    """(organisation, None) when the person may read its route, else (None, the answer)."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    if not services.route_may_read(user=request.user, organisation_id=organisation_id):
        raise Http404
    organisation = (
        Organisation.objects.select_related("province").filter(pk=organisation_id).first()
    )
    if organisation is None:
        raise Http404
    return organisation, None


def editable(request, organisation_id: int):
    """(organisation, None) for a member of the organisation; coordinators of other
    organisations read but do not write (403)."""
    organisation, refused = readable(request, organisation_id)
    if refused is not None:
        return None, refused
    if request.user.organisation_id != organisation_id:
        return None, refusal(request, services.MESSAGES["not_member"], status=403)
    return organisation, None


def versioned_delete(request, organisation_id: int, *, delete, done: str, anchor: str):
    """POST: an editor of the route takes one item off it, at the version they saw.

    ``delete(user=, organisation_id=, version=)`` is the service; ``done`` the message
    afterwards; ``anchor`` the part of the route page to go back to."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = editable(request, organisation_id)
    if refused is not None:
        return refused
    form = DeleteForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Dit verzoek is niet geldig."), status=400)
    try:
        delete(
            user=request.user,
            organisation_id=organisation.pk,
            version=form.cleaned_data["version"],
        )
    except services.RouteError as error:
        return refusal(request, error.message, status=error.status)
    messages.success(request, done)
    return redirect(route_url(organisation.pk, anchor))
