"""Thin views for learning circles: read with selectors, write with services, answer in Dutch.

Who may do what is decided once, in ``selectors.circle_access``. A refused request is a login
redirect for anonymous visitors and a 403 page for everyone else.
"""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from learning.core.ratelimit import posted, rate_limited

from . import exports, selectors, services
from .feeds import feed_token
from .forms import ApplyForm, DecisionForm, InviteForm
from .models import CircleInvitation, CircleMembership, MembershipStatus
from .services import CircleError

DECISIONS = {"goedkeuren": True, "afwijzen": False}


# What secrets.token_urlsafe makes; anything else is not looked up (PostgreSQL refuses NUL).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _deny(request, circle):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(request, "circles/forbidden.html", {"page": circle}, status=403)


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def circle_detail(
    request,
    circle,
    *,
    apply_form=None,
    invite_form=None,
    error: str | None = None,
    status: int = 200,
):
    access = selectors.circle_access(circle=circle, user=request.user)
    context = {
        "page": circle,
        "self": circle,
        "access": access,
        "meetings": selectors.circle_meetings(circle=circle),
        "coordinators": selectors.circle_coordinators(circle=circle),
        "member_count": selectors.member_count(circle=circle),
        "organisations": selectors.circle_organisations(circle=circle),
        "error": error,
    }
    if access.can_read_private:
        section = selectors.private_section(circle=circle)
        context["section"] = section
        context["shared_pages"] = (
            list(selectors.knowledge_pages(section=section, user=request.user)[:5])
            if section
            else []
        )
        context["feed_url"] = request.build_absolute_uri(
            f"{circle.url}agenda.ics?token={feed_token(circle=circle, user=request.user)}"
        )
    if access.can_manage:
        context["open_applications"] = (
            selectors.circle_applications(circle=circle)
            .filter(status=MembershipStatus.APPLIED)
            .count()
        )
        context["invite_form"] = invite_form or InviteForm()
    elif not access.is_member and not access.is_applicant:
        context["apply_form"] = apply_form or ApplyForm()
    return TemplateResponse(request, circle.get_template(request), context, status=status)


@rate_limited("circle_apply")
def circle_apply(request, circle):
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(circle.url)
    form = ApplyForm(request.POST)
    if not form.is_valid():
        return circle_detail(request, circle, apply_form=form, status=400)
    try:
        services.membership_apply(
            circle=circle, user=request.user, motivation=form.cleaned_data["motivation"]
        )
    except CircleError as error:
        return circle_detail(
            request, circle, apply_form=form, error=error.message, status=error.status
        )
    messages.success(
        request,
        _("Uw aanmelding is ontvangen. U krijgt een e-mail zodra de coördinator heeft besloten."),
    )
    return redirect(circle.url)


def circle_leave(request, circle):
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(circle.url)
    try:
        membership = services.membership_leave(circle=circle, user=request.user)
    except CircleError as error:
        return circle_detail(request, circle, error=error.message, status=error.status)
    if membership.left_at and membership.decided_at:
        messages.success(request, _("U bent geen lid meer van deze leerkring."))
    else:
        messages.success(request, _("Uw aanmelding is ingetrokken."))
    return redirect(circle.url)


def circle_members(request, circle):
    access = selectors.circle_access(circle=circle, user=request.user)
    if not access.can_read_private:
        return _deny(request, circle)
    return TemplateResponse(
        request,
        "circles/members.html",
        {
            "page": circle,
            "access": access,
            "members": selectors.circle_members(circle=circle),
        },
    )


def _export_format(request) -> str | None:
    value = request.GET.get("formaat", "csv")
    return value if value in exports.FORMATS else None


def circle_members_export(request, circle):
    access = selectors.circle_access(circle=circle, user=request.user)
    if not access.can_manage:
        return _deny(request, circle)
    if (export_format := _export_format(request)) is None:
        raise Http404(_("Onbekend formaat."))
    export = exports.Export(columns=exports.MEMBER_COLUMNS, filename=f"leden-{circle.slug}")
    return export.response(selectors.circle_members(circle=circle), export_format)


def circle_attendance_export(request, circle):
    access = selectors.circle_access(circle=circle, user=request.user)
    if not access.can_manage:
        return _deny(request, circle)
    if (export_format := _export_format(request)) is None:
        raise Http404(_("Onbekend formaat."))
    export = exports.Export(
        columns=exports.ATTENDANCE_COLUMNS, filename=f"aanwezigheid-{circle.slug}"
    )
    return export.response(selectors.attendance_rows(circle=circle), export_format)


def circle_applications(request, circle, *, error: str | None = None, status: int = 200):
    access = selectors.circle_access(circle=circle, user=request.user)
    if not access.can_manage:
        return _deny(request, circle)
    return TemplateResponse(
        request,
        "circles/applications.html",
        {
            "page": circle,
            "access": access,
            "applications": selectors.circle_applications(circle=circle),
            "member_count": selectors.member_count(circle=circle),
            "decision_form": DecisionForm(),
            "error": error,
        },
        status=status,
    )


def circle_decide(request, circle, *, membership_id: int, decision: str):
    if decision not in DECISIONS:
        raise Http404(_("Onbekende beslissing."))
    if (refused := _post_only(request)) is not None:
        return refused
    access = selectors.circle_access(circle=circle, user=request.user)
    if not access.can_manage:
        return _deny(request, circle)
    membership = (
        CircleMembership.objects.select_related("user", "circle")
        .filter(pk=membership_id, circle_id=circle.pk)
        .first()
    )
    if membership is None:
        raise Http404(_("Onbekende aanmelding."))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return circle_applications(request, circle, error=form.errors["reason"][0], status=400)
    service = services.membership_approve if DECISIONS[decision] else services.membership_decline
    try:
        service(membership=membership, actor=request.user, reason=form.cleaned_data["reason"])
    except CircleError as error:
        return circle_applications(request, circle, error=error.message, status=error.status)
    if DECISIONS[decision]:
        message = _("%(name)s is lid geworden van de leerkring.")
    else:
        message = _("De aanmelding van %(name)s is afgewezen.")
    messages.success(request, message % {"name": membership.user})
    return redirect(f"{circle.url}aanmeldingen/")


@rate_limited("circle_invite", key=posted("email"))
def circle_invite(request, circle):
    if (refused := _post_only(request)) is not None:
        return refused
    access = selectors.circle_access(circle=circle, user=request.user)
    if not access.can_manage:
        return _deny(request, circle)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return circle_detail(request, circle, invite_form=form, status=400)
    try:
        invitation = services.invitation_create(
            circle=circle, email=form.cleaned_data["email"], actor=request.user
        )
    except CircleError as error:
        return circle_detail(
            request, circle, invite_form=form, error=error.message, status=error.status
        )
    messages.success(
        request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": invitation.email}
    )
    return redirect(circle.url)


@login_required
def circle_invitation(request, circle):
    token = request.GET.get("token") or request.POST.get("token", "")
    invitation = (
        CircleInvitation.objects.filter(token=token, circle_id=circle.pk).first()
        if TOKEN_SHAPE.fullmatch(token)
        else None
    )
    if invitation is None:
        return circle_detail(
            request,
            circle,
            error=_("Deze uitnodiging is ongeldig. Gebruik de link uit de e-mail."),
            status=404,
        )
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except CircleError as error:
            return circle_detail(request, circle, error=error.message, status=error.status)
        messages.success(request, _("Welkom in de leerkring!"))
        return redirect(circle.url)
    return TemplateResponse(
        request,
        "circles/invitation.html",
        {"page": circle, "invitation": invitation, "token": token},
    )


def circle_attendance(request, circle, *, meeting_id: int):
    access = selectors.circle_access(circle=circle, user=request.user)
    if not access.can_manage:
        return _deny(request, circle)
    meeting = next(
        (m for m in selectors.circle_meetings(circle=circle) if m.pk == meeting_id), None
    )
    if meeting is None:
        raise Http404(_("Onbekende bijeenkomst."))
    if request.method == "POST":
        try:
            present_ids = [int(value) for value in request.POST.getlist("aanwezig")]
        except ValueError:
            present_ids = None
        if present_ids is None:
            error, status = _("Deze keuze kennen we niet. Probeer het opnieuw."), 400
        else:
            try:
                count = services.attendance_record(
                    circle=circle,
                    meeting_id=meeting.pk,
                    actor=request.user,
                    present_user_ids=present_ids,
                )
            except CircleError as refused:
                error, status = refused.message, refused.status
            else:
                messages.success(
                    request,
                    _("De aanwezigheid is opgeslagen: %(count)s aanwezig.") % {"count": count},
                )
                return redirect(f"{circle.url}bijeenkomsten/{meeting.pk}/aanwezigheid/")
    else:
        error, status = None, 200
    recorded = selectors.attendance_by_meeting(circle=circle).get(meeting.pk, {})
    members = [
        {"membership": membership, "present": recorded.get(membership.user_id)}
        for membership in selectors.circle_members(circle=circle)
        if membership.role == "member"
    ]
    return TemplateResponse(
        request,
        "circles/attendance.html",
        {"page": circle, "meeting": meeting, "members": members, "error": error},
        status=status,
    )


@login_required
def my_circles(request):
    return TemplateResponse(
        request,
        "circles/my_circles.html",
        {"memberships": selectors.circles_of_user(user=request.user)},
    )
