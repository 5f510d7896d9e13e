"""Reactions to allauth. Only calls a service: the rule itself lives there."""

from allauth.account.signals import email_changed, email_confirmed


def _verify_claim(sender, request, email_address, **kwargs):
    from .organisation_claims import claims_verify_for_email

    if email_address.user_id is not None:
        claims_verify_for_email(user=email_address.user)


def _recheck_claim(sender, request, user, **kwargs):
    from .organisation_claims import claims_verify_for_email

    claims_verify_for_email(user=user)


def connect() -> None:
    email_confirmed.connect(_verify_claim, dispatch_uid="accounts.verify_claim")
    email_changed.connect(_recheck_claim, dispatch_uid="accounts.recheck_claim")
