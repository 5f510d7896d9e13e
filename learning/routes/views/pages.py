"""The route's page and the baseline form, the coordinators' overview, the regional agenda,
freeing an editor seat, and the exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from learning.monitor.models import MAX_EDITORS
from learning.monitor.services import is_coordinator

from .. import charts, exports, selectors, services
from ..forms import (
    BaselineForm,
    DocumentForm,
    EditorRemoveForm,
)
from ..models import ANALYSIS_FIELDS
from ..services import RouteError
from .access import editable, readable, refusal, route_url


def mine(request):
    """/routekaart/: the person's own organisation's route, or the overview for coordinators."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.organisation_id:
        return redirect(route_url(request.user.organisation_id))
    if is_coordinator(request.user):
        return redirect("routes:overview")
    return refusal(request, services.MESSAGES["no_organisation"], status=409)


def overview(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_coordinator(request.user):
        raise Http404
    return TemplateResponse(
        request, "routes/overview.html", {"routes": selectors.routes_overview()}
    )


def _route_context(request, organisation, **extra) -> dict:
    user = request.user
    route = selectors.route_of(organisation=organisation)
    editors = selectors.route_editors(route=route)
    editor_ids = [editor.pk for editor in editors]
    baseline = selectors.baseline_monitor(organisation=organisation)
    opportunities = selectors.opportunities_of(route=route)
    own = user.organisation_id == organisation.pk
    may_edit = services.route_may_edit(
        user=user, organisation_id=organisation.pk, editor_ids=editor_ids
    )
    region = selectors.region_of(organisation)
    context = {
        "organisation": organisation,
        "route": route,
        "editors": editors,
        "is_editor": user.pk in editor_ids,
        "own": own,
        "may_edit": may_edit,
        "seats_full": own and not may_edit,
        "documents_visible": services.route_documents_may_read(
            user=user, organisation_id=organisation.pk
        ),
        "documents_by_field": {
            ANALYSIS_FIELDS[analysis]: documents
            for analysis, documents in selectors.route_documents(route=route).items()
        },
        "baseline": baseline,
        "indicators": selectors.baseline_indicators(organisation=organisation),
        "opportunities": opportunities,
        "proposals": selectors.opportunity_proposals(
            route=route, baseline=baseline, opportunities=opportunities
        )
        if own
        else [],
        "chart_svg": charts.opportunity_map_svg(charts.opportunity_map(opportunities)),
        "actions": selectors.actions_of(route=route, user=user),
        "region": region,
        "region_actions": selectors.region_actions(
            province_id=region.pk, user=user, exclude_route_id=route.pk
        )
        if region is not None
        else [],
        "changes": selectors.route_changes(route=route),
        "max_editors": MAX_EDITORS,
    }
    context.update(extra)
    return context


def detail(request, organisation_id: int):
    organisation, refused = readable(request, organisation_id)
    if refused is not None:
        return refused
    context = _route_context(request, organisation)
    if context["may_edit"]:
        context["baseline_form"] = BaselineForm(
            initial={
                "version": context["route"].version,
                "raw_materials": context["route"].raw_materials,
                "procurement": context["route"].procurement,
                "staff_awareness": context["route"].staff_awareness,
            }
        )
        context["document_form"] = DocumentForm()
    return TemplateResponse(request, "routes/route.html", context)


def baseline(request, organisation_id: int):
    if request.method != "POST":
        return redirect(route_url(organisation_id, "nulmeting"))
    organisation, refused = editable(request, organisation_id)
    if refused is not None:
        return refused
    form = BaselineForm(request.POST)
    error, status, theirs = None, 400, None
    if form.is_valid():
        try:
            services.route_baseline_save(
                user=request.user,
                organisation_id=organisation.pk,
                version=form.cleaned_data["version"],
                texts=form.texts(),
            )
        except RouteError as refused:
            error, status = refused.message, refused.status
        else:
            messages.success(request, _("De nulmeting is opgeslagen."))
            return redirect(route_url(organisation.pk, "nulmeting"))
    else:
        error = _("Controleer de velden die hieronder zijn gemarkeerd.")
    context = _route_context(request, organisation, baseline_error=error)
    route = context["route"]
    if status == 409 and route.pk:
        # Their own input stays in the form; what the colleague saved is shown beside it, and
        # the next save starts from the version they have now seen.
        theirs = {
            "raw_materials": route.raw_materials,
            "procurement": route.procurement,
            "staff_awareness": route.staff_awareness,
        }
        data = request.POST.copy()
        data["version"] = str(route.version)
        form = BaselineForm(data)
        form.is_valid()
    context.update(baseline_form=form, baseline_theirs=theirs, document_form=DocumentForm())
    return TemplateResponse(request, "routes/route.html", context, status=status)


def editor_remove(request, organisation_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = editable(request, organisation_id)
    if refused is not None:
        return refused
    form = EditorRemoveForm(request.POST)
    if not form.is_valid():
        return refusal(request, _("Dit verzoek is niet geldig."), status=400)
    try:
        editor = services.route_editor_remove(
            user=request.user,
            organisation_id=organisation.pk,
            editor_id=form.cleaned_data["user"],
        )
    except RouteError as refused:
        return refusal(request, refused.message, status=refused.status)
    messages.success(
        request,
        _("%(name)s werkt niet meer mee aan deze routekaart; de plek is vrij.") % {"name": editor},
    )
    return redirect(route_url(organisation.pk))


def region(request):
    """The shared agenda of the person's region: the province and the organisations in it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = request.user.organisation
    if organisation is None:
        return refusal(request, services.MESSAGES["no_organisation"], status=409)
    province = selectors.region_of(organisation)
    if province is None:
        return refusal(
            request,
            _("Uw organisatie ligt niet in een provincie: er is geen regionale agenda."),
            status=404,
        )
    return TemplateResponse(
        request,
        "routes/region.html",
        {
            "province": province,
            "actions": selectors.region_actions(province_id=province.pk, user=request.user),
        },
    )


def export(request, organisation_id: int, kind: str):
    organisation, refused = readable(request, organisation_id)
    if refused is not None:
        return refused
    document = exports.route_export_context(organisation=organisation, user=request.user)
    if kind == "pdf":
        response = HttpResponse(exports.route_pdf(document), content_type="application/pdf")
    else:
        response = HttpResponse(
            exports.route_odt(document), content_type="application/vnd.oasis.opendocument.text"
        )
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.route_filename(organisation, kind)}"'
    )
    return response
