"""The route's rules: who edits, the version check, documents, opportunities and actions.

Reading: the organisation's verified members and coordinators (``route_may_read``).
Writing: verified members of the organisation only, up to the monitor's number of editors
(the monitor's own rule, ``monitor.selectors.response_editor_seat_for``): the first save
takes a seat. A save of the baseline, an opportunity or an action names the version it
started from; the version goes up in one conditional UPDATE, so of two colleagues who save
at the same moment exactly one succeeds and the other gets a RouteError("conflict") naming
who saved in between, while the view shows their own input again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from learning.accounts.models import User
from learning.core.errors import DomainError
from learning.monitor.selectors import response_editor_seat_for
from learning.monitor.services import is_coordinator

from .models import (
    ANALYSIS_FIELDS,
    SCORE_MAX,
    SCORE_MIN,
    Action,
    ActionStatus,
    ActionType,
    Analysis,
    Opportunity,
    Route,
    RouteChange,
    RouteDocument,
    RouteEditor,
)

# Documents at the baseline: what a civil servant attaches to an analysis.
DOCUMENT_EXTENSIONS = {"csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


class RouteError(DomainError):
    """A refused route action: a code for programs, a Dutch message for people."""


MESSAGES = {
    "no_organisation": _(
        "De routekaart is van uw organisatie, en u telt nog voor geen organisatie mee. Kies in "
        "uw profiel uw organisatie: met een e-mailadres van die organisatie telt u direct mee; "
        "anders beoordeelt een coördinator eerst uw aanvraag."
    ),
    "not_member": _("Alleen collega's van deze organisatie kunnen de routekaart wijzigen."),
    "editors_full": _(
        "Er werken al drie collega's van uw organisatie aan deze routekaart. Vraag een van hen "
        "om zijn of haar plek vrij te geven, dan kunt u meewerken."
    ),
    "not_editor": _("Alleen de collega's die aan deze routekaart werken, kunnen dit doen."),
    "editor_unknown": _("Deze persoon werkt niet (meer) mee aan deze routekaart."),
    "document_type": _(
        "Dit soort bestand kan niet worden toegevoegd. Kies een PDF, tekstdocument, "
        "spreadsheet of presentatie (csv, docx, odt, ods, pdf, pptx, txt of xlsx)."
    ),
    "document_size": _("Dit bestand is te groot: het mag hoogstens 20 MB zijn."),
    "document_empty": _("Dit bestand is leeg."),
    "score": _("Kies voor impact en invloed laag, gemiddeld of hoog."),
    "proposal_unknown": _(
        "Deze kans wordt niet (meer) voorgesteld. Misschien heeft een collega hem net "
        "overgenomen; vernieuw de pagina."
    ),
    "proposal_taken": _("Een collega heeft deze voorgestelde kans net overgenomen."),
    "dates": _("De einddatum ligt voor de startdatum."),
    "opportunity_unknown": _("Kies een kans van de routekaart van uw eigen organisatie."),
    "action_unknown": _("Deze actie staat niet op de agenda van uw organisatie."),
    "invalid": _("Kies een soort actie en een status uit de lijst."),
}


def _error(code: str, **kwargs) -> RouteError:
    if code == "conflict":
        latest: RouteChange | None = kwargs.get("latest")
        who = (latest.actor if latest and latest.actor else None) or _("een collega")
        when = timezone.localtime(latest.created_at if latest else None)
        message = _(
            "Uw wijzigingen zijn niet opgeslagen: %(who)s heeft dit om %(time)s opgeslagen "
            "nadat u het opende. Uw eigen invoer staat hieronder nog, met daarnaast wat uw "
            "collega opsloeg. Controleer het en sla opnieuw op."
        ) % {"who": who, "time": when.strftime("%H:%M")}
        return RouteError("conflict", message)
    return RouteError(code, MESSAGES[code], status=kwargs.get("status"))


# --- Who may do what ---------------------------------------------------------------------


def route_may_read(*, user, organisation_id: int) -> bool:
    """The organisation's verified members and coordinators read its route; nobody else."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.organisation_id == organisation_id or is_coordinator(user)


def route_documents_may_read(*, user, organisation_id: int) -> bool:
    """Documents at the baseline are private to the organisation: its verified members only
    (coordinators see that they exist, not what is in them)."""
    return getattr(user, "is_authenticated", False) and user.organisation_id == organisation_id


def route_may_edit(*, user, organisation_id: int, editor_ids) -> bool:
    """Whether ``user`` may change the route now: a verified member with a (free) seat."""
    return (
        getattr(user, "is_authenticated", False)
        and user.organisation_id == organisation_id
        and response_editor_seat_for(user_id=user.pk, editor_ids=editor_ids)
    )


# --- Writing -----------------------------------------------------------------------------


def _route_for_writing(*, user: User, organisation_id: int) -> Route:
    """The organisation's route (created when missing), locked for this transaction, with
    ``user`` as one of its editors. Refuses outside a transaction, for other organisations'
    members and when all seats are taken."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_route_for_writing needs a transaction")
    if user.organisation_id is None:
        raise _error("no_organisation", status=403)
    if user.organisation_id != organisation_id:
        raise _error("not_member", status=403)
    try:
        with transaction.atomic():
            Route.objects.get_or_create(organisation_id=organisation_id)
    except IntegrityError:
        pass  # a colleague created it at the same moment
    route = Route.objects.select_for_update().get(organisation_id=organisation_id)
    editor_ids = list(RouteEditor.objects.filter(route=route).values_list("user_id", flat=True))
    if user.pk not in editor_ids:
        if not response_editor_seat_for(user_id=user.pk, editor_ids=editor_ids):
            raise _error("editors_full")
        RouteEditor.objects.create(route=route, user=user)
        _log(route, user, RouteChange.Action.EDITOR_ADDED, str(user))
    return route


def _log(route: Route, user: User, action: str, note: str = "") -> RouteChange:
    return RouteChange.objects.create(route=route, actor=user, action=action, note=note[:300])


def _latest_change(route_id: int) -> RouteChange | None:
    return (
        RouteChange.objects.filter(route_id=route_id)
        .exclude(action__in=[RouteChange.Action.EDITOR_ADDED, RouteChange.Action.EDITOR_REMOVED])
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )


def route_baseline_save(
    *, user: User, organisation_id: int, version: int, texts: dict[str, str]
) -> Route:
    """Store the three analyses (``Analysis`` value → text) when nobody saved since ``version``.

    Guarantees: only a verified member with an editor seat saves; the version goes from
    ``version`` to ``version + 1`` in one conditional UPDATE, so a colleague's save in between
    (or at the same moment) makes this one fail with "conflict" and change nothing; the log
    records the save.
    """
    values = {
        ANALYSIS_FIELDS[key]: (text or "").strip()
        for key, text in texts.items()
        if key in ANALYSIS_FIELDS
    }
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        updated = Route.objects.filter(pk=route.pk, version=version).update(
            version=F("version") + 1, updated_at=timezone.now(), updated_by=user, **values
        )
        if not updated:
            raise _error("conflict", latest=_latest_change(route.pk))
        _log(route, user, RouteChange.Action.BASELINE_SAVED)
    route.refresh_from_db()
    return route


def route_editor_remove(*, user: User, organisation_id: int, editor_id: int) -> User:
    """An editor frees a seat (their own or a colleague's). Only editors may; anyone else,
    also for an id without an account, gets the same refusal."""
    with transaction.atomic():
        route = Route.objects.select_for_update().filter(organisation_id=organisation_id).first()
        if route is None or user.organisation_id != organisation_id:
            raise _error("not_editor", status=403)
        rows = {
            row.user_id: row
            for row in RouteEditor.objects.filter(route=route).select_related("user")
        }
        if user.pk not in rows:
            raise _error("not_editor", status=403)
        row = rows.get(editor_id)
        if row is None:
            raise _error("editor_unknown")
        row.delete()
        _log(route, user, RouteChange.Action.EDITOR_REMOVED, str(row.user))
    return row.user


def route_document_add(
    *, user: User, organisation_id: int, analysis: str, title: str, upload
) -> RouteDocument:
    """Attach ``upload`` to one analysis of the baseline. Guarantees: an allowed type, not
    empty, at most DOCUMENT_MAX_BYTES; stored below MEDIA_ROOT/routes/ (never served
    directly); logged. A refused upload leaves no row and no file."""
    extension = os.path.splitext(upload.name)[1].lstrip(".").lower()
    if extension not in DOCUMENT_EXTENSIONS:
        raise _error("document_type", status=400)
    if upload.size > DOCUMENT_MAX_BYTES:
        raise _error("document_size", status=400)
    if not upload.size:
        raise _error("document_empty", status=400)
    if analysis not in Analysis.values:
        raise _error("document_type", status=400)
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        document = RouteDocument(
            route=route,
            analysis=analysis,
            title=title.strip()[:150] or upload.name[:150],
            content_type=getattr(upload, "content_type", "") or "",
            size=upload.size,
            uploaded_by=user,
        )
        _log(route, user, RouteChange.Action.DOCUMENT_ADDED, document.title)
        # The file is written last, and removed again should its row fail.
        document.file.save(os.path.basename(upload.name)[-120:], upload, save=False)
        try:
            document.save()
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def route_document_remove(*, user: User, organisation_id: int, document_id: int) -> None:
    """Remove a document of the organisation's own route (and its file, after the commit)."""
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        document = RouteDocument.objects.filter(route=route, pk=document_id).first()
        if document is None:
            raise _error("not_editor", status=404)
        storage, name = document.file.storage, document.file.name
        document.delete()
        _log(route, user, RouteChange.Action.DOCUMENT_REMOVED, document.title)
        transaction.on_commit(lambda: storage.delete(name))


@dataclass(frozen=True)
class OpportunityInput:
    title: str
    description: str = ""
    theme_id: int | None = None
    impact: int = 2
    influence: int = 2


def _check_scores(impact: int, influence: int) -> None:
    for score in (impact, influence):
        if not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
            raise _error("score", status=400)


def opportunity_create(*, user: User, organisation_id: int, data: OpportunityInput) -> Opportunity:
    """Add the organisation's own opportunity to the map (scores 1–3), logged."""
    _check_scores(data.impact, data.influence)
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        opportunity = Opportunity.objects.create(
            route=route,
            title=data.title.strip(),
            description=data.description.strip(),
            theme_id=data.theme_id,
            impact=data.impact,
            influence=data.influence,
        )
        _log(route, user, RouteChange.Action.OPPORTUNITY_ADDED, opportunity.title)
    return opportunity


def opportunity_update(
    *, user: User, organisation_id: int, opportunity_id: int, version: int, data: OpportunityInput
) -> Opportunity:
    """Change an opportunity of the organisation's route when nobody changed it since
    ``version`` (one conditional UPDATE, as for the baseline)."""
    _check_scores(data.impact, data.influence)
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        if not Opportunity.objects.filter(route=route, pk=opportunity_id).exists():
            raise _error("opportunity_unknown", status=404)
        updated = Opportunity.objects.filter(
            route=route, pk=opportunity_id, version=version
        ).update(
            version=F("version") + 1,
            title=data.title.strip(),
            description=data.description.strip(),
            theme_id=data.theme_id,
            impact=data.impact,
            influence=data.influence,
        )
        if not updated:
            raise _error("conflict", latest=_latest_change(route.pk))
        _log(route, user, RouteChange.Action.OPPORTUNITY_CHANGED, data.title.strip())
    return Opportunity.objects.get(pk=opportunity_id)


def opportunity_adopt(*, user: User, organisation_id: int, key: str, proposals) -> Opportunity:
    """Make a proposed opportunity (``key`` out of ``proposals``, the current
    selectors.opportunity_proposals) the route's own. Guarantees: only a current proposal;
    each monitor theme and each goal at most once per route, also when two colleagues adopt
    it at the same moment (the second is refused with "proposal_taken")."""
    proposal = next((p for p in proposals if p.key == key), None)
    if proposal is None:
        raise _error("proposal_unknown", status=400)
    try:
        with transaction.atomic():
            route = _route_for_writing(user=user, organisation_id=organisation_id)
            opportunity = Opportunity.objects.create(
                route=route,
                title=str(proposal.title)[:150],
                description=str(proposal.description)[:2000],
                theme_id=proposal.theme_id,
                monitor_theme=proposal.monitor_theme,
                policy_goal_id=proposal.policy_goal_id,
                impact=proposal.impact,
                influence=proposal.influence,
                reason=str(proposal.reason)[:200],
            )
            _log(route, user, RouteChange.Action.OPPORTUNITY_ADOPTED, opportunity.title)
    except IntegrityError:
        raise _error("proposal_taken") from None
    return opportunity


@dataclass(frozen=True)
class ActionInput:
    title: str
    action_type: str
    owner: str
    starts_on: date
    ends_on: date | None = None
    status: str = ActionStatus.PLANNED
    description: str = ""
    opportunity_id: int | None = None
    shared_in_region: bool = False
    links: dict | None = None  # field name → list of ids (policy_goals, masterclasses …)


LINK_FIELDS = (
    "policy_goals",
    "guide_steps",
    "practice_examples",
    "profiles",
    "masterclasses",
    "circles",
)


def _check_action(route: Route, data: ActionInput) -> None:
    if data.action_type not in ActionType.values or data.status not in ActionStatus.values:
        raise _error("invalid", status=400)
    if data.ends_on and data.ends_on < data.starts_on:
        raise _error("dates", status=400)
    if (
        data.opportunity_id is not None
        and not Opportunity.objects.filter(route=route, pk=data.opportunity_id).exists()
    ):
        raise _error("opportunity_unknown", status=400)


def _set_links(action: Action, links: dict | None) -> None:
    for name in LINK_FIELDS:
        getattr(action, name).set((links or {}).get(name, []))


def action_create(*, user: User, organisation_id: int, data: ActionInput) -> Action:
    """Add an action to the organisation's agenda, with its links; logged. Links are the ids
    the form offered (what the person may see); the opportunity is one of this route's."""
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        _check_action(route, data)
        action = Action.objects.create(
            route=route,
            title=data.title.strip(),
            description=data.description.strip(),
            action_type=data.action_type,
            owner=data.owner.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            status=data.status,
            opportunity_id=data.opportunity_id,
            shared_in_region=data.shared_in_region,
        )
        _set_links(action, data.links)
        _log(route, user, RouteChange.Action.ACTION_ADDED, action.title)
    return action


def action_update(
    *, user: User, organisation_id: int, action_id: int, version: int, data: ActionInput
) -> Action:
    """Change an action of the organisation's agenda when nobody changed it since ``version``."""
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        action = Action.objects.filter(route=route, pk=action_id).first()
        if action is None:
            raise _error("action_unknown", status=404)
        _check_action(route, data)
        updated = Action.objects.filter(pk=action_id, version=version).update(
            version=F("version") + 1,
            updated_at=timezone.now(),
            title=data.title.strip(),
            description=data.description.strip(),
            action_type=data.action_type,
            owner=data.owner.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
            status=data.status,
            opportunity_id=data.opportunity_id,
            shared_in_region=data.shared_in_region,
        )
        if not updated:
            raise _error("conflict", latest=_latest_change(route.pk))
        _set_links(action, data.links)
        _log(route, user, RouteChange.Action.ACTION_CHANGED, data.title.strip())
    action.refresh_from_db()
    return action


def opportunity_delete(
    *, user: User, organisation_id: int, opportunity_id: int, version: int
) -> None:
    """Remove an opportunity of the organisation's map when nobody changed it since
    ``version``; its actions stay, without the link. A proposal it came from is proposed
    again."""
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        opportunity = Opportunity.objects.filter(route=route, pk=opportunity_id).first()
        if opportunity is None:
            raise _error("opportunity_unknown", status=404)
        deleted, _rows = Opportunity.objects.filter(pk=opportunity_id, version=version).delete()
        if not deleted:
            raise _error("conflict", latest=_latest_change(route.pk))
        _log(route, user, RouteChange.Action.OPPORTUNITY_DELETED, opportunity.title)


def action_delete(*, user: User, organisation_id: int, action_id: int, version: int) -> None:
    """Remove an action of the organisation's agenda when nobody changed it since ``version``."""
    with transaction.atomic():
        route = _route_for_writing(user=user, organisation_id=organisation_id)
        action = Action.objects.filter(route=route, pk=action_id).first()
        if action is None:
            raise _error("action_unknown", status=404)
        deleted, _rows = Action.objects.filter(pk=action_id, version=version).delete()
        if not deleted:
            raise _error("conflict", latest=_latest_change(route.pk))
        _log(route, user, RouteChange.Action.ACTION_DELETED, action.title)
