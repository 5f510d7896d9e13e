"""What the accounts app itself stores about a person (the account, its e-mail addresses,
organisation claims, admin preferences and history), registered in the personal-data registry
(learning.core.personal_data) like every other app's.
"""

from django.utils.translation import gettext_lazy as _

from learning.core import redaction
from learning.core.personal_data import register


def _export_account(user) -> dict:
    organisation = user.organisation
    return {
        "email": user.email,
        "full_name": user.full_name,
        "organisation": (
            {
                "name": organisation.name,
                "kind": organisation.kind,
                "cbs_code": organisation.cbs_code,
            }
            if organisation
            else None
        ),
        "job_role": user.job_role,
        "job_title": user.job_title,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "is_staff": user.is_staff,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def _export_email_addresses(user) -> list[dict]:
    from allauth.account.models import EmailAddress

    return [
        {"email": address.email, "verified": address.verified, "primary": address.primary}
        for address in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def _export_admin_preferences(user) -> dict | None:
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {
        "preferred_language": profile.preferred_language,
        "current_time_zone": profile.current_time_zone,
    }


def _erase_admin_preferences(user) -> None:
    """The profile row goes with the account; its photo is a file that would stay behind."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=False)


def _log_entry_models() -> list:
    from wagtail.log_actions import registry

    return list(registry.get_log_entry_models())


def _export_admin_history(user) -> dict:
    from wagtail.models import Comment

    actions = []
    for model in _log_entry_models():
        for entry in model.objects.filter(user_id=user.pk).order_by("timestamp", "pk"):
            actions.append(
                {
                    "action": entry.action,
                    "label": entry.label,
                    "timestamp": entry.timestamp.isoformat(),
                }
            )
    return {
        "actions": sorted(actions, key=lambda action: action["timestamp"]),
        "comments": [
            {"text": comment.text, "created_at": comment.created_at.isoformat()}
            for comment in Comment.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }


def _erase_admin_history(user) -> None:
    """Wagtail's and Django's own records: the admin log no longer says who did what (and
    forgets the account itself), revisions, comments and moderation notes lose every mention
    of the person, and every session of the account ends."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Comment, CommentReply, Revision, TaskState

    terms = redaction.identifiers(user)
    user_type = ContentType.objects.get_for_model(type(user))
    for model in _log_entry_models():
        # The log's user column has no database constraint: it would keep the old id.
        model.objects.filter(user_id=user.pk).update(user=None)
        if "object_id" in {field.name for field in model._meta.concrete_fields}:
            # Entries about the account itself (made, edited in the admin): their label is
            # the person's name.
            model.objects.filter(content_type=user_type, object_id=str(user.pk)).delete()
        redaction.redact_rows(model.objects.all(), terms)
    # The person's own comments (and replies) go with the account; mentions by others stay
    # without the name, in the comments and in the revisions that carry copies of them.
    for model in (Revision, Comment, CommentReply, TaskState):
        redaction.redact_rows(model.objects.all(), terms)
    _sessions_end(user)


def _sessions_end(user) -> None:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            # Through the store, so a cached copy (cached_db) goes as well.
            store(session_key=session.session_key).delete()


def _export_organisation_claims(user) -> list[dict]:
    from .models import OrganisationClaim

    claims = (
        OrganisationClaim.objects.filter(user=user)
        .select_related("organisation")
        .prefetch_related("log_entries")
        .order_by("created_at", "pk")
    )
    return [
        {
            "organisation": {
                "name": claim.organisation.name,
                "kind": claim.organisation.kind,
                "cbs_code": claim.organisation.cbs_code,
            },
            "state": claim.state,
            "explanation": claim.explanation,
            "verified_domain": claim.verified_domain,
            "decided_at": claim.decided_at.isoformat() if claim.decided_at else None,
            "reason": claim.reason,
            "requested_at": claim.created_at.isoformat(),
            "superseded_at": claim.superseded_at.isoformat() if claim.superseded_at else None,
            "log": [
                {
                    "action": entry.action,
                    "from": entry.from_status,
                    "to": entry.to_status,
                    "reason": entry.reason,
                    "at": entry.created_at.isoformat(),
                }
                for entry in claim.log_entries.all()
            ],
        }
        for claim in claims
    ]


def register_builtin_providers() -> None:
    # E-mail addresses and admin preferences go with the user row (on_delete CASCADE); only
    # the profile photo, a file, needs an eraser of its own.
    register(
        "account",
        label=_("Account"),
        description=_(
            "Uw naam, e-mailadres, organisatie, rol, functietitel, wanneer u zich aanmeldde en "
            "wanneer u voor het laatst inlogde."
        ),
        export=_export_account,
    )
    # Claims and their log go with the user row (CASCADE); as a coordinator's decisions on
    # other people's claims they keep the decision but lose the name (SET_NULL).
    register(
        "organisation_claims",
        label=_("Organisatieaanvragen"),
        description=_(
            "Voor welke organisatie u wilde meetellen, uw toelichting, hoe dat is bevestigd "
            "(via uw e-maildomein of door een coördinator) en de reden van een besluit."
        ),
        export=_export_organisation_claims,
    )
    register(
        "email_addresses",
        label=_("E-mailadressen"),
        description=_("Uw e-mailadressen en of ze bevestigd zijn."),
        export=_export_email_addresses,
    )
    register(
        "admin_preferences",
        label=_("Voorkeuren beheeromgeving"),
        description=_("Als u redacteur bent: uw taal en tijdzone in de beheeromgeving."),
        export=_export_admin_preferences,
        erase=_erase_admin_preferences,
    )
    register(
        "admin_history",
        label=_("Beheeromgeving: logboek en opmerkingen"),
        description=_(
            "Als u redacteur bent: wat u in de beheeromgeving deed en welke opmerkingen u bij "
            "pagina's plaatste. Na het verwijderen van uw account staat uw naam nergens meer "
            "in het logboek, in eerdere versies van pagina's of in opmerkingen."
        ),
        export=_export_admin_history,
        erase=_erase_admin_history,
    )
