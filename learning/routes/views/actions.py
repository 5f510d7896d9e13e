"""The action agenda: adding and changing an action with its links."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import selectors, services
from ..forms import (
    ActionForm,
)
from ..models import Action
from ..services import LINK_FIELDS, RouteError
from .access import editable, route_url, versioned_delete


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
    organisation, refused = editable(request, organisation_id)
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
    except RouteError as refused:
        theirs = None
        if refused.code == "conflict" and action is not None:
            action.refresh_from_db()
            theirs = action
            data = request.POST.copy()
            data["version"] = str(action.version)
            form = ActionForm(data, opportunities=opportunities, links=links)
            form.is_valid()
        return page(form, error=refused.message, status=refused.status, theirs=theirs)
    messages.success(request, _("De actie is opgeslagen."))
    return redirect(route_url(organisation.pk, "acties"))


def action_delete(request, organisation_id: int, action_id: int):
    return versioned_delete(
        request,
        organisation_id,
        delete=partial(services.action_delete, action_id=action_id),
        done=_("De actie is van de agenda gehaald."),
        anchor="acties",
    )
