"""Account and security e-mails (allauth's): queued in the outbox, made only when sent.

A password-reset or verification link opens an account, so it must never be readable by anyone
but the recipient: not in the outbox admin, not in an export, not in a database dump. The row
in the outbox therefore holds no body and no link, only what is needed to make the message
again: the template, the recipient, the user or e-mail address id and the plain values of
the template's context. The worker (renderer ``accounts.email``, registered as confidential)
makes the link afresh at every attempt, so a message queued during a broker outage is still
sent later, and a retry sends a link that works.

The links are made the way allauth makes them: a password-reset token from allauth's token
generator (valid from the moment it is sent, void once the password or the last login
changes) and the HMAC key of the e-mail address for a verification link (valid for
``ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS`` from sending). A template that needs another
secret (login codes, verification by code: both off) has no recipe here and is refused.
"""

import datetime

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from learning.outbox.services import message_queue

from .models import User

RENDERER = "accounts.email"
TEMPLATE_PREFIX = "account/email/"


def account_kind(template_prefix: str) -> str:
    """The outbox kind of an allauth e-mail made with ``template_prefix``."""
    return "account_" + template_prefix.removeprefix(TEMPLATE_PREFIX)


# Every kind this module queues (one per allauth e-mail, ours and allauth's own templates),
# with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {
    account_kind(TEMPLATE_PREFIX + name): label
    for name, label in {
        "account_already_exists": gettext_lazy("Account: bestaat al"),
        "email_changed": gettext_lazy("Account: e-mailadres gewijzigd"),
        "email_confirm": gettext_lazy("Account: e-mailadres bevestigen"),
        "email_confirmation": gettext_lazy("Account: e-mailadres bevestigen"),
        "email_confirmation_signup": gettext_lazy("Account: nieuw account bevestigen"),
        "email_deleted": gettext_lazy("Account: e-mailadres verwijderd"),
        "login_code": gettext_lazy("Account: inlogcode"),
        "password_changed": gettext_lazy("Account: wachtwoord gewijzigd"),
        "password_reset": gettext_lazy("Account: wachtwoord vergeten"),
        "password_reset_code": gettext_lazy("Account: code om wachtwoord te herstellen"),
        "password_reset_key": gettext_lazy("Account: link om wachtwoord te herstellen"),
        "password_set": gettext_lazy("Account: wachtwoord ingesteld"),
        "unknown_account": gettext_lazy("Account: onbekend e-mailadres"),
    }.items()
}
# Context values that can open an account. Never stored: a template that needs them must have
# a recipe in REBUILD that makes them again when the message is sent.
SECRET_NAMES = frozenset({"key", "code", "uid", "activate_url", "password_reset_url"})


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _reset_link(payload: dict) -> dict:
    user = User.objects.get(pk=payload["user_id"])
    token = allauth_settings.PASSWORD_RESET_TOKEN_GENERATOR().make_token(user)
    uid = user_pk_to_url_str(user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": token})
    return {"user": user, "uid": uid, "key": token, "password_reset_url": _absolute(path)}


def _confirmation_link(payload: dict) -> dict:
    address = EmailAddress.objects.select_related("user").get(pk=payload["email_address_id"])
    key = EmailConfirmationHMAC(address).key
    return {
        "user": address.user,
        "key": key,
        "activate_url": _absolute(reverse("account_confirm_email", args=[key])),
    }


REBUILD = {
    "account/email/password_reset_key": _reset_link,
    "account/email/email_confirmation": _confirmation_link,
    "account/email/email_confirmation_signup": _confirmation_link,
}


def _plain_context(context: dict) -> tuple[dict, list[str]]:
    """The context's plain values (text, numbers, moments), without secrets or objects."""
    plain, moments = {}, []
    for name, value in context.items():
        if name in SECRET_NAMES:
            continue
        if isinstance(value, datetime.datetime):
            plain[name] = value.isoformat()
            moments.append(name)
        elif isinstance(value, Promise):
            plain[name] = str(value)
        elif isinstance(value, str | int | float | bool) or value is None:
            plain[name] = value
    return plain, moments


def account_email_queue(*, template_prefix: str, email: str, context: dict) -> None:
    """Queue one of allauth's e-mails; its content is made when it is sent and never stored.

    Call it in the request (allauth's adapter does); the row is written at once or with the
    surrounding transaction. Raises ``ValueError`` for a template whose context holds a secret
    that cannot be made again at send time, instead of storing that secret.
    """
    needs_secret = SECRET_NAMES & {name for name, value in context.items() if value}
    if template_prefix not in REBUILD and needs_secret - {"password_reset_url"}:
        raise ValueError(
            f"{template_prefix} carries {sorted(needs_secret)}: add a recipe to REBUILD"
        )
    user = context.get("user")
    plain, moments = _plain_context(context)
    payload = {
        "template": template_prefix,
        "email": email,
        "user_id": getattr(user, "pk", None),
        "context": plain,
        "moments": moments,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
    }
    if template_prefix in REBUILD and "activate_url" in context:
        address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        if address is None:
            raise ValueError(f"no e-mail address {email!r} for user {payload['user_id']}")
        payload["email_address_id"] = address.pk
    adapter = get_adapter()
    subject = render_to_string(f"{template_prefix}_subject.txt", _context(payload))
    message_queue(
        to=email,
        subject=adapter.format_email_subject(" ".join(subject.split())),
        kind=account_kind(template_prefix),
        renderer=RENDERER,
        payload=payload,
        user=user if isinstance(user, User) else None,
    )


def _context(payload: dict) -> dict:
    context = dict(payload["context"])
    for name in payload.get("moments", ()):
        context[name] = parse_datetime(context[name])
    context.setdefault("email", payload["email"])
    context.setdefault("site_url", settings.SITE_URL)
    context.setdefault("expire_days", settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS)
    context.setdefault("password_reset_url", _absolute(reverse("account_reset_password")))
    if payload.get("user_id"):
        context["user"] = User.objects.filter(pk=payload["user_id"]).first()
    return context


def render(payload: dict) -> dict:
    """The outbox renderer (confidential): the whole message, its link made now."""
    with translation.override(payload.get("language") or settings.LANGUAGE_CODE):
        context = _context(payload)
        recipe = REBUILD.get(payload["template"])
        if recipe is not None:
            context.update(recipe(payload))
        message = get_adapter().render_mail(payload["template"], payload["email"], context)
    html = next(
        (
            body
            for body, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    if getattr(message, "content_subtype", "plain") == "html":
        return {"subject": message.subject, "text": "", "html": message.body}
    return {"subject": message.subject, "text": message.body, "html": html}
