"""Thin views: read with selectors, write with services, answer in Dutch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from learning.core.ratelimit import rate_limited
from learning.core.visibility import page_visible_to
from learning.profiles.models import PioneerProfilePage

from . import followables, selectors, services
from .errors import AlertError
from .forms import ContactForm, FollowForm, FrequencyForm, PioneerContactSettingForm


def _refused(request, error: AlertError, *, title: str = ""):
    return TemplateResponse(
        request,
        "alerts/refused.html",
        {"message": error.message, "title": title or _("Dat lukt niet")},
        status=error.status,
    )


@login_required
def alert_settings(request):
    """Mijn meldingen: what the person follows, how often they get e-mail, and for a pioneer
    whether colleagues may write to them."""
    user = request.user
    current = selectors.alert_settings_of(user=user)
    contact = selectors.pioneer_contact_of(user=user)
    frequency_form = FrequencyForm(initial={"frequency": current.frequency})
    contact_form = (
        PioneerContactSettingForm(initial={"accepts_messages": contact.accepts_messages})
        if contact
        else None
    )
    status = 200
    if request.method == "POST":
        if request.POST.get("form") == "contact" and contact is not None:
            contact_form = PioneerContactSettingForm(request.POST)
            if contact_form.is_valid():
                services.pioneer_contact_set(
                    user=user, accepts_messages=contact_form.cleaned_data["accepts_messages"]
                )
                messages.success(request, _("Uw keuze over berichten van collega's is bewaard."))
                return redirect("alerts:settings")
            status = 400
        else:
            frequency_form = FrequencyForm(request.POST)
            if frequency_form.is_valid():
                services.alert_frequency_set(
                    user=user, frequency=frequency_form.cleaned_data["frequency"]
                )
                messages.success(request, _("Uw keuze voor e-mail is bewaard."))
                return redirect("alerts:settings")
            status = 400
    followed = selectors.followed_by(user=user)
    followed_keys = {(item.kind, item.object_id) for item in followed}
    groups = []
    for kind in followables.kinds():
        choices = kind.choices(user=user)
        if choices:
            groups.append(
                {
                    "kind": kind,
                    "items": [
                        {
                            "followed": item,
                            "following": (item.kind, item.object_id) in followed_keys,
                        }
                        for item in choices
                    ],
                }
            )
    return TemplateResponse(
        request,
        "alerts/settings.html",
        {
            "frequency_form": frequency_form,
            "contact_form": contact_form,
            "contact": contact,
            "followed": followed,
            "groups": groups,
        },
        status=status,
    )


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def follow(request):
    """Follow or unfollow one thing (the button on a theme or pioneer page), then back."""
    back = _next_url(request, "/")
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, AlertError("bad_request", _("Dit verzoek om te volgen is niet compleet."))
        )
    kind, object_id = form.cleaned_data["kind"], form.cleaned_data["object_id"]
    if form.cleaned_data["action"] == "unfollow":
        services.follow_remove(user=request.user, kind=kind, object_id=object_id)
        messages.success(request, _("U volgt dit niet meer."))
    else:
        try:
            services.follow_add(user=request.user, kind=kind, object_id=object_id)
        except AlertError as error:
            return _refused(request, error)
        messages.success(
            request,
            _("U volgt dit nu. Kies op Mijn meldingen hoe vaak u er e-mail over krijgt."),
        )
    return redirect(back)


# The signed link is the authorisation; mail programs POST without a session (RFC 8058).
@csrf_exempt
def unsubscribe(request, token: str):
    """One-click unsubscribe from the digest, without logging in: a page with one button
    (link checkers that open the link change nothing); a POST stops the digest."""
    if request.method not in ("GET", "HEAD", "POST"):
        return _refused(request, AlertError("bad_method", _("Dit verzoek kan hier niet.")))
    if request.method == "POST":
        try:
            services.digest_unsubscribe(token=token)
        except AlertError as error:
            return _refused(request, error, title=_("Afmelden lukt niet"))
        return TemplateResponse(request, "alerts/unsubscribed.html", {})
    try:
        services.unsubscribe_token_check(token=token)
    except AlertError as error:
        return _refused(request, error, title=_("Afmelden lukt niet"))
    return TemplateResponse(request, "alerts/unsubscribe.html", {"token": token})


@rate_limited("pioneer_contact")
def contact_pioneer(request, profile_id: int):
    """ "Neem contact op": a short message relayed by e-mail to the pioneer."""
    profile = PioneerProfilePage.objects.live().filter(pk=profile_id).first()
    if profile is None or not page_visible_to(profile, request.user):
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    contact = selectors.pioneer_contact_for(profile=profile)
    if not selectors.can_contact(contact=contact, sender=request.user):
        return _refused(
            request,
            AlertError(
                "contact_off",
                _("Deze pionier ontvangt geen berichten via het platform."),
                status=403,
            ),
        )
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pioneer_contact_send(
                    sender=request.user, profile=profile, message=form.cleaned_data["message"]
                )
            except AlertError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Uw bericht is verstuurd. U krijgt een kopie per e-mail."),
                )
                return redirect(profile.url)
        else:
            status = 400
    return TemplateResponse(
        request, "alerts/contact.html", {"form": form, "profile": profile}, status=status
    )
