"""The opportunity map: adding and changing an opportunity, adopting a proposed one."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import (
    AdoptForm,
    OpportunityForm,
)
from ..models import Opportunity
from ..services import RouteError
from .access import editable, refusal, route_url, versioned_delete


def _opportunity_form_page(
    request, organisation, form, *, opportunity=None, error=None, status=200, theirs=None
):
    return TemplateResponse(
        request,
        "routes/opportunity_form.html",
        {
            "organisation": organisation,
            "form": form,
            "opportunity": opportunity,
            "error": error,
            "theirs": theirs,
        },
        status=status,
    )


def opportunity_edit(request, organisation_id: int, opportunity_id: int | None = None):
    organisation, refused = editable(request, organisation_id)
    if refused is not None:
        return refused
    opportunity = None
    if opportunity_id is not None:
        opportunity = (
            Opportunity.objects.select_related("theme")
            .filter(pk=opportunity_id, route__organisation_id=organisation.pk)
            .first()
        )
        if opportunity is None:
            raise Http404
    if request.method != "POST":
        initial = {"impact": 2, "influence": 2}
        if opportunity is not None:
            initial = {
                "version": opportunity.version,
                "title": opportunity.title,
                "description": opportunity.description,
                "theme": opportunity.theme_id,
                "impact": opportunity.impact,
                "influence": opportunity.influence,
            }
        return _opportunity_form_page(
            request, organisation, OpportunityForm(initial=initial), opportunity=opportunity
        )
    form = OpportunityForm(request.POST)
    if not form.is_valid():
        return _opportunity_form_page(
            request,
            organisation,
            form,
            opportunity=opportunity,
            error=_("Controleer de velden die hieronder zijn gemarkeerd."),
            status=400,
        )
    try:
        if opportunity is None:
            services.opportunity_create(
                user=request.user, organisation_id=organisation.pk, data=form.data_input()
            )
        else:
            services.opportunity_update(
                user=request.user,
                organisation_id=organisation.pk,
                opportunity_id=opportunity.pk,
                version=form.cleaned_data["version"] or 0,
                data=form.data_input(),
            )
    except RouteError as refused:
        theirs = None
        if refused.code == "conflict" and opportunity is not None:
            opportunity.refresh_from_db()
            theirs = opportunity
            data = request.POST.copy()
            data["version"] = str(opportunity.version)
            form = OpportunityForm(data)
            form.is_valid()
        return _opportunity_form_page(
            request,
            organisation,
            form,
            opportunity=opportunity,
            error=refused.message,
            status=refused.status,
            theirs=theirs,
        )
    messages.success(request, _("De kans is opgeslagen."))
    return redirect(route_url(organisation.pk, "kansen"))


def opportunity_adopt(request, organisation_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = editable(request, organisation_id)
    if refused is not None:
        return refused
    form = AdoptForm(request.POST)
    if not form.is_valid():
        return refusal(request, services.MESSAGES["proposal_unknown"], status=400)
    route = selectors.route_of(organisation=organisation)
    opportunities = selectors.opportunities_of(route=route)
    proposals = selectors.opportunity_proposals(
        route=route,
        baseline=selectors.baseline_monitor(organisation=organisation),
        opportunities=opportunities,
    )
    try:
        opportunity = services.opportunity_adopt(
            user=request.user,
            organisation_id=organisation.pk,
            key=form.cleaned_data["key"],
            proposals=proposals,
        )
    except RouteError as refused:
        return refusal(request, refused.message, status=refused.status)
    messages.success(
        request,
        _("‘%(title)s’ staat nu op uw kansenkaart. Pas impact en invloed aan waar nodig.")
        % {"title": opportunity.title},
    )
    return redirect(route_url(organisation.pk, "kansen"))


def opportunity_delete(request, organisation_id: int, opportunity_id: int):
    return versioned_delete(
        request,
        organisation_id,
        delete=partial(services.opportunity_delete, opportunity_id=opportunity_id),
        done=_("De kans is van de kansenkaart gehaald."),
        anchor="kansen",
    )
