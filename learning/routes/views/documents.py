"""Documents at the baseline: adding, removing, and downloading through a view that checks
access (never a /media/ URL)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from .. import services
from ..forms import (
    DocumentForm,
)
from ..models import RouteDocument
from ..services import RouteError
from .access import editable, refusal, route_url


def document_add(request, organisation_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = editable(request, organisation_id)
    if refused is not None:
        return refused
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return refusal(request, _("Kies een analyse en een bestand."), status=400)
    try:
        services.route_document_add(
            user=request.user,
            organisation_id=organisation.pk,
            analysis=form.cleaned_data["analysis"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
    except RouteError as refused:
        return refusal(request, refused.message, status=refused.status)
    messages.success(request, _("Het document is toegevoegd."))
    return redirect(route_url(organisation.pk, "nulmeting"))


def document_remove(request, organisation_id: int, document_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = editable(request, organisation_id)
    if refused is not None:
        return refused
    try:
        services.route_document_remove(
            user=request.user, organisation_id=organisation.pk, document_id=document_id
        )
    except RouteError as refused:
        return refusal(request, refused.message, status=refused.status)
    messages.success(request, _("Het document is verwijderd."))
    return redirect(route_url(organisation.pk, "nulmeting"))


def document_download(request, organisation_id: int, document_id: int, filename: str):
    """A document of the baseline, for the organisation's verified members only (404 for
    anyone else, also coordinators); handed out with wagtail's sendfile, so behind nginx
    with X-Accel-Redirect (learning.core.sendfile) and the same headers as documents."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.route_documents_may_read(user=request.user, organisation_id=organisation_id):
        raise Http404
    document = RouteDocument.objects.filter(
        pk=document_id, route__organisation_id=organisation_id
    ).first()
    if document is None or document.filename != filename:
        raise Http404
    options = {"attachment": True, "attachment_filename": document.filename}
    if not hasattr(settings, "SENDFILE_BACKEND"):
        options["backend"] = sendfile_streaming_backend.sendfile
    try:
        path = document.file.path
    except NotImplementedError:
        raise Http404 from None
    response = sendfile(request, path, **options)
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
