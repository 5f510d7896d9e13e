"""Thin views of the route: read with selectors, write with services, answer in Dutch.

Who may see a route is decided once (``_readable``): the organisation's verified members and
coordinators; anyone else gets a 404, so organisation ids reveal nothing. Writes answer a
refusal with the person's own input and the service's message.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from learning.monitor.models import MAX_EDITORS
from learning.monitor.services import is_coordinator
from learning.organisations.models import Organisation

from . import charts, exports, selectors, services
from .forms import (
    ActionForm,
    AdoptForm,
    BaselineForm,
    DocumentForm,
    EditorRemoveForm,
    OpportunityForm,
)
from .models import ANALYSIS_FIELDS, Action, Opportunity, RouteDocument
from .services import LINK_FIELDS, RouteError


def _refusal(request, message, *, status: int):
    return TemplateResponse(request, "routes/refusal.html", {"message": message}, status=status)


def _route_url(organisation_id: int, anchor: str = "") -> str:
    url = reverse("routes:detail", kwargs={"organisation_id": organisation_id})
    return f"{url}#{anchor}" if anchor else url


def _readable(request, organisation_id: int):
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


def _editable(request, organisation_id: int):
    """(organisation, None) for a member of the organisation; coordinators of other
    organisations read but do not write (403)."""
    organisation, refused = _readable(request, organisation_id)
    if refused is not None:
        return None, refused
    if request.user.organisation_id != organisation_id:
        return None, _refusal(request, services.MESSAGES["not_member"], status=403)
    return organisation, None


def mine(request):
    """/routekaart/: the person's own organisation's route, or the overview for coordinators."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.organisation_id:
        return redirect(_route_url(request.user.organisation_id))
    if is_coordinator(request.user):
        return redirect("routes:overview")
    return _refusal(request, services.MESSAGES["no_organisation"], status=409)


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
    organisation, refused = _readable(request, organisation_id)
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
        return redirect(_route_url(organisation_id, "nulmeting"))
    organisation, refused = _editable(request, organisation_id)
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
        except RouteError as refusal:
            error, status = refusal.message, refusal.status
        else:
            messages.success(request, _("De nulmeting is opgeslagen."))
            return redirect(_route_url(organisation.pk, "nulmeting"))
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


def document_add(request, organisation_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = _editable(request, organisation_id)
    if refused is not None:
        return refused
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refusal(request, _("Kies een analyse en een bestand."), status=400)
    try:
        services.route_document_add(
            user=request.user,
            organisation_id=organisation.pk,
            analysis=form.cleaned_data["analysis"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
    except RouteError as refusal:
        return _refusal(request, refusal.message, status=refusal.status)
    messages.success(request, _("Het document is toegevoegd."))
    return redirect(_route_url(organisation.pk, "nulmeting"))


def document_remove(request, organisation_id: int, document_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = _editable(request, organisation_id)
    if refused is not None:
        return refused
    try:
        services.route_document_remove(
            user=request.user, organisation_id=organisation.pk, document_id=document_id
        )
    except RouteError as refusal:
        return _refusal(request, refusal.message, status=refusal.status)
    messages.success(request, _("Het document is verwijderd."))
    return redirect(_route_url(organisation.pk, "nulmeting"))


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
    organisation, refused = _editable(request, organisation_id)
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
    except RouteError as refusal:
        theirs = None
        if refusal.code == "conflict" and opportunity is not None:
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
            error=refusal.message,
            status=refusal.status,
            theirs=theirs,
        )
    messages.success(request, _("De kans is opgeslagen."))
    return redirect(_route_url(organisation.pk, "kansen"))


def opportunity_adopt(request, organisation_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = _editable(request, organisation_id)
    if refused is not None:
        return refused
    form = AdoptForm(request.POST)
    if not form.is_valid():
        return _refusal(request, services.MESSAGES["proposal_unknown"], status=400)
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
    except RouteError as refusal:
        return _refusal(request, refusal.message, status=refusal.status)
    messages.success(
        request,
        _("‘%(title)s’ staat nu op uw kansenkaart. Pas impact en invloed aan waar nodig.")
        % {"title": opportunity.title},
    )
    return redirect(_route_url(organisation.pk, "kansen"))


def _action_links(request, action: Action | None):
    """The form's link choices: what the person may see, plus what the action already links
    to (a masterclass that has since taken place stays linked)."""
    links = selectors.link_choices(user=request.user)
    if action is not None:
        for name in LINK_FIELDS:
            offered = getattr(links, name)
            known = {pk for pk, _label in offered}
            for item in getattr(action, name).all():
                if item.pk not in known:
                    offered.append((item.pk, str(item)))
    return links


def action_edit(request, organisation_id: int, action_id: int | None = None):
    organisation, refused = _editable(request, organisation_id)
    if refused is not None:
        return refused
    route = selectors.route_of(organisation=organisation)
    action = None
    if action_id is not None:
        action = next(
            (a for a in selectors.actions_of(route=route, user=request.user) if a.pk == action_id),
            None,
        )
        if action is None:
            raise Http404
    opportunities = selectors.opportunities_of(route=route)
    links = _action_links(request, action)

    def page(form, *, error=None, status=200, theirs=None):
        return TemplateResponse(
            request,
            "routes/action_form.html",
            {
                "organisation": organisation,
                "form": form,
                "action": action,
                "error": error,
                "theirs": theirs,
            },
            status=status,
        )

    if request.method != "POST":
        initial = {"status": "gepland"}
        if request.GET.get("kans", "").isdigit():
            initial["opportunity"] = int(request.GET["kans"])
        if action is not None:
            initial = {
                "version": action.version,
                "title": action.title,
                "description": action.description,
                "action_type": action.action_type,
                "owner": action.owner,
                "starts_on": action.starts_on,
                "ends_on": action.ends_on,
                "status": action.status,
                "opportunity": action.opportunity_id,
                "shared_in_region": action.shared_in_region,
                **{name: [item.pk for item in getattr(action, name).all()] for name in LINK_FIELDS},
            }
        return page(ActionForm(initial=initial, opportunities=opportunities, links=links))
    form = ActionForm(request.POST, opportunities=opportunities, links=links)
    if not form.is_valid():
        return page(
            form, error=_("Controleer de velden die hieronder zijn gemarkeerd."), status=400
        )
    try:
        if action is None:
            services.action_create(
                user=request.user, organisation_id=organisation.pk, data=form.data_input()
            )
        else:
            services.action_update(
                user=request.user,
                organisation_id=organisation.pk,
                action_id=action.pk,
                version=form.cleaned_data["version"] or 0,
                data=form.data_input(),
            )
    except RouteError as refusal:
        theirs = None
        if refusal.code == "conflict" and action is not None:
            action.refresh_from_db()
            theirs = action
            data = request.POST.copy()
            data["version"] = str(action.version)
            form = ActionForm(data, opportunities=opportunities, links=links)
            form.is_valid()
        return page(form, error=refusal.message, status=refusal.status, theirs=theirs)
    messages.success(request, _("De actie is opgeslagen."))
    return redirect(_route_url(organisation.pk, "acties"))


def editor_remove(request, organisation_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    organisation, refused = _editable(request, organisation_id)
    if refused is not None:
        return refused
    form = EditorRemoveForm(request.POST)
    if not form.is_valid():
        return _refusal(request, _("Dit verzoek is niet geldig."), status=400)
    try:
        editor = services.route_editor_remove(
            user=request.user,
            organisation_id=organisation.pk,
            editor_id=form.cleaned_data["user"],
        )
    except RouteError as refusal:
        return _refusal(request, refusal.message, status=refusal.status)
    messages.success(
        request,
        _("%(name)s werkt niet meer mee aan deze routekaart; de plek is vrij.") % {"name": editor},
    )
    return redirect(_route_url(organisation.pk))


def region(request):
    """The shared agenda of the person's region: the province and the organisations in it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = request.user.organisation
    if organisation is None:
        return _refusal(request, services.MESSAGES["no_organisation"], status=409)
    province = selectors.region_of(organisation)
    if province is None:
        return _refusal(
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
    organisation, refused = _readable(request, organisation_id)
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
