"""Membership of an organisation as a claim with a state: the one place for its rules.

``User.organisation`` is the person's *effective* organisation and only these functions set
it: to the claim's organisation when the claim is verified (a verified address on one of the
organisation's domains) or approved by a coordinator, and to null while a claim is
unconfirmed, pending or refused. Registrations keep the organisation of the moment they were
made (``Registration.organisation``), so moving to another organisation frees no seat.

Every change locks the person's row first (``_lock_user``), inside one transaction with the
audit entry and the e-mail in the outbox.
"""

import logging
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning.organisations.models import Organisation
from learning.organisations.selectors import (
    organisation_domain_covers,
    organisation_domain_matching,
)
from learning.outbox.services import message_queue

from .errors import AccountError
from .models import (
    EFFECTIVE_CLAIM_STATES,
    ClaimState,
    OrganisationClaim,
    OrganisationClaimLog,
    User,
)
from .selectors import claim_current

logger = logging.getLogger(__name__)

EXPLANATION_MAX_LENGTH = 1000
DECIDE_PERMISSION = "accounts.decide_organisationclaim"

MESSAGES = {
    "organisation_unknown": _(
        "Deze organisatie kennen we niet. Kies een organisatie uit de lijst."
    ),
    "organisation_inactive": _(
        "Deze organisatie bestaat niet meer. Kies de organisatie waar u nu werkt."
    ),
    "explanation_required": _(
        "Uw e-mailadres hoort niet bij deze organisatie. Leg in de toelichting uit waarom u "
        "voor deze organisatie werkt (bijvoorbeeld: gedetacheerd, of bij een "
        "samenwerkingsverband); een coördinator beoordeelt uw aanvraag."
    ),
    "explanation_too_long": _("Houd de toelichting kort: hoogstens 1000 tekens."),
    "forbidden": _("Alleen coördinatoren en redacteuren beoordelen organisatieaanvragen."),
    "own_claim": _("U kunt niet over uw eigen aanvraag beslissen. Vraag een andere coördinator."),
    "not_pending": _("Over deze aanvraag is al beslist, of hij is vervangen door een nieuwe."),
    "reason_required": _("Geef een reden op; die komt in het logboek en in de e-mail."),
    "nothing_selected": _("Kies ten minste één aanvraag."),
}


def _error(code: str) -> AccountError:
    return AccountError(code, MESSAGES[code])


def _lock_user(user_id: int) -> User:
    """Lock the person's row; refuses to run outside a transaction (the lock would be void)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("_lock_user must be called inside transaction.atomic()")
    return User.objects.select_for_update().get(pk=user_id)


def _verified_primary_email(user: User) -> str | None:
    """The person's own address when allauth has it verified; otherwise None."""
    verified = EmailAddress.objects.filter(
        user=user.pk, email__iexact=user.email, verified=True
    ).exists()
    return user.email if verified else None


def _proving_domain(*, organisation_id: int, user: User, email: str | None):
    """The organisation's domain that ``email`` is on, when it may prove ``user``'s claim:
    never a domain the person linked to the organisation themselves (adding or moving a
    domain would otherwise be approving one's own claim through another screen)."""
    if not email:
        return None
    return organisation_domain_matching(
        organisation_id=organisation_id, email=email, not_added_by_id=user.pk
    )


def _log(claim: OrganisationClaim, *, actor, action: str, from_status="", reason="") -> None:
    OrganisationClaimLog.objects.create(
        claim=claim,
        actor=actor if isinstance(actor, User) else None,
        action=action,
        from_status=from_status,
        to_status=claim.state,
        reason=str(reason),
    )


def claim_needs_explanation(*, email: str, organisation: Organisation) -> bool:
    """Whether asking for ``organisation`` with ``email`` goes to a coordinator (and so needs
    a short explanation): true when the address is on none of the organisation's domains."""
    return organisation_domain_matching(organisation_id=organisation.pk, email=email) is None


def can_decide_claims(user) -> bool:
    """Coordinators and editors (the decide permission, see migrations) and superusers."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(DECIDE_PERMISSION)


def claim_request(
    *, user: User, organisation: Organisation | None, explanation: str = "", actor=None
) -> OrganisationClaim:
    """Ask to count for ``organisation``; supersedes the current claim, if any.

    Guarantees: verified at once when the person's verified address is on one of the
    organisation's domains; ``unconfirmed`` when the address is on such a domain but not yet
    confirmed (``claims_verify_for_email`` finishes it); otherwise ``pending`` with the
    required explanation. Until verified or approved the person counts for no organisation.
    Asking again for the organisation of a current claim that is not refused changes nothing.
    """
    if organisation is None or not isinstance(organisation, Organisation):
        raise _error("organisation_unknown")
    if not organisation.is_active:
        raise _error("organisation_inactive")
    explanation = (explanation or "").strip()
    if len(explanation) > EXPLANATION_MAX_LENGTH:
        raise _error("explanation_too_long")
    with transaction.atomic():
        locked = _lock_user(user.pk)
        current = claim_current(user=locked)
        if (
            current is not None
            and current.organisation_id == organisation.pk
            and current.state != ClaimState.REFUSED
        ):
            return current
        domain = _proving_domain(organisation_id=organisation.pk, user=locked, email=locked.email)
        if domain is not None and _verified_primary_email(locked):
            state = ClaimState.VERIFIED
        elif domain is not None:
            state = ClaimState.UNCONFIRMED
        else:
            if not explanation:
                raise _error("explanation_required")
            state = ClaimState.PENDING
        now = timezone.now()
        if current is not None:
            current.superseded_at = now
            current.save(update_fields=["superseded_at"])
            _log(current, actor=actor or locked, action="superseded", from_status=current.state)
        claim = OrganisationClaim.objects.create(
            user=locked,
            organisation=organisation,
            state=state,
            explanation=explanation,
            verified_domain=domain.domain if state == ClaimState.VERIFIED else "",
            created_at=now,
        )
        _log(claim, actor=actor or locked, action="request", reason=explanation)
        _set_effective_organisation(locked, claim)
    user.organisation_id = locked.organisation_id
    user.organisation = locked.organisation
    logger.info(
        "organisation claim requested",
        extra={"event": "organisation_claim_requested", "user_id": user.pk, "state": state},
    )
    return claim


def _set_effective_organisation(user: User, claim: OrganisationClaim) -> None:
    organisation = claim.organisation if claim.state in EFFECTIVE_CLAIM_STATES else None
    if user.organisation_id != (organisation.pk if organisation else None):
        user.organisation = organisation
        user.save(update_fields=["organisation"])


def claims_verify_for_email(*, user: User, note: str = "") -> OrganisationClaim | None:
    """After allauth confirmed an address or the person changed their primary address:
    bring the current claim in line with the verified primary address.

    Verifies a claim that is not effective yet when the address is on one of its
    organisation's domains (also a pending or refused one: the domain proves it). A claim
    that was verified through an address the person no longer uses goes to a coordinator
    (pending), and the person counts for no organisation until decided; an approved claim
    stays. ``note`` explains to the coordinator why (default: the address changed). Safe to
    call twice; returns the current claim."""
    with transaction.atomic():
        locked = _lock_user(user.pk)
        claim = claim_current(user=locked)
        if claim is None or claim.state == ClaimState.APPROVED:
            return claim
        email = _verified_primary_email(locked)
        if (
            claim.state == ClaimState.VERIFIED
            and email
            and organisation_domain_covers(
                organisation_id=claim.organisation_id, domain=claim.verified_domain, email=email
            )
        ):
            # Still on the domain that verified it (also when the person saved that domain
            # in the admin since): nothing changes.
            return claim
        domain = _proving_domain(organisation_id=claim.organisation_id, user=locked, email=email)
        previous = claim.state
        if domain is not None:
            claim.state = ClaimState.VERIFIED
            claim.verified_domain = domain.domain
            claim.save(update_fields=["state", "verified_domain"])
            _log(
                claim, actor=None, action="verify", from_status=previous, reason=f"@{domain.domain}"
            )
        elif email and claim.state in (ClaimState.VERIFIED, ClaimState.UNCONFIRMED):
            # The address that proved it is gone, or the domain was removed meanwhile.
            claim.state = ClaimState.PENDING
            claim.verified_domain = ""
            if not claim.explanation:
                claim.explanation = note or gettext("E-mailadres gewijzigd naar %(email)s.") % {
                    "email": email
                }
            claim.save(update_fields=["state", "verified_domain", "explanation"])
            _log(claim, actor=None, action="to_coordinator", from_status=previous, reason=email)
        else:
            return claim
        _set_effective_organisation(locked, claim)
    user.organisation_id = locked.organisation_id
    user.organisation = locked.organisation
    return claim


def claims_verify_for_domains(*, organisation_ids) -> int:
    """After organisations got new e-mail domains: verify every current claim for them that
    is not yet effective and whose person's verified address is now on such a domain (the
    claims of existing accounts, for example, after a coordinator imported the domains).
    Returns how many were verified."""
    waiting = OrganisationClaim.objects.filter(
        organisation_id__in=list(organisation_ids), superseded_at__isnull=True
    ).exclude(state__in=EFFECTIVE_CLAIM_STATES)
    verified = 0
    for claim in waiting.select_related("user"):
        if claims_verify_for_email(user=claim.user).state == ClaimState.VERIFIED:
            verified += 1
    return verified


def claims_recheck_for_domains(*, domains) -> int:
    """After domains stopped belonging to organisations (deleted, moved, renamed): every
    current claim they verified is checked again (``claims_verify_for_email``): still
    verified through another domain of the organisation, or else to a coordinator, and the
    person counts for no organisation until decided. Returns how many went to a
    coordinator."""
    to_coordinator = 0
    for organisation_id, domain in domains:
        verified = OrganisationClaim.objects.filter(
            organisation_id=organisation_id,
            verified_domain=domain,
            state=ClaimState.VERIFIED,
            superseded_at__isnull=True,
        ).select_related("user")
        note = gettext("Het domein %(domain)s hoort niet meer bij deze organisatie.") % {
            "domain": domain
        }
        for claim in verified:
            if claims_verify_for_email(user=claim.user, note=note).state != ClaimState.VERIFIED:
                to_coordinator += 1
    return to_coordinator


def _decide(*, claim: OrganisationClaim, by, reason: str, approve: bool) -> OrganisationClaim:
    if not can_decide_claims(by):
        raise _error("forbidden")
    if claim.user_id == by.pk:
        raise _error("own_claim")
    reason = (reason or "").strip()
    if not reason:
        raise _error("reason_required")
    locked_user = _lock_user(claim.user_id)
    locked = OrganisationClaim.objects.select_for_update().get(pk=claim.pk)
    if locked.state != ClaimState.PENDING or locked.superseded_at is not None:
        raise _error("not_pending")
    previous = locked.state
    locked.state = ClaimState.APPROVED if approve else ClaimState.REFUSED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.reason = reason
    locked.save(update_fields=["state", "decided_by", "decided_at", "reason"])
    _log(
        locked,
        actor=by,
        action="approve" if approve else "refuse",
        from_status=previous,
        reason=reason,
    )
    _set_effective_organisation(locked_user, locked)
    _queue_decision_email(locked, user=locked_user)
    return locked


def claim_approve(*, claim: OrganisationClaim, by, reason: str) -> OrganisationClaim:
    """A coordinator approves a pending claim: the person counts for its organisation from now
    on. Refused for one's own claim, without a reason, or for a claim no longer pending. The
    person gets one e-mail (outbox, same transaction)."""
    with transaction.atomic():
        return _decide(claim=claim, by=by, reason=reason, approve=True)


def claim_refuse(*, claim: OrganisationClaim, by, reason: str) -> OrganisationClaim:
    """A coordinator refuses a pending claim: the person stays without organisation and is
    told why by e-mail (once)."""
    with transaction.atomic():
        return _decide(claim=claim, by=by, reason=reason, approve=False)


def claims_decide(
    *, claims: Iterable[OrganisationClaim], by, reason: str, approve: bool
) -> list[OrganisationClaim]:
    """Approve or refuse several claims at once: all of them, or (on any refusal) none."""
    claims = list(claims)
    if not claims:
        raise _error("nothing_selected")
    with transaction.atomic():
        # One order for the locks, so two coordinators deciding overlapping sets never deadlock.
        return [
            _decide(claim=claim, by=by, reason=reason, approve=approve)
            for claim in sorted(claims, key=lambda c: (c.user_id, c.pk))
        ]


def claim_assign(*, user: User, organisation: Organisation | None, by) -> OrganisationClaim | None:
    """An administrator sets someone's organisation in the user admin: recorded as a claim
    approved by ``by`` (same rules as a coordinator's decision: not for oneself, and with the
    decide permission). ``None`` removes the organisation (the current claim is superseded).
    No e-mail: the administrator acts on the person's behalf."""
    if not can_decide_claims(by):
        raise _error("forbidden")
    if user.pk == by.pk:
        raise _error("own_claim")
    with transaction.atomic():
        locked = _lock_user(user.pk)
        current = claim_current(user=locked)
        wanted = organisation.pk if organisation else None
        if current is not None and current.is_effective and current.organisation_id == wanted:
            return current
        if current is None and wanted is None:
            return None
        now = timezone.now()
        if current is not None:
            current.superseded_at = now
            current.save(update_fields=["superseded_at"])
            _log(current, actor=by, action="superseded", from_status=current.state)
        claim = None
        if organisation is not None:
            if not organisation.is_active:
                raise _error("organisation_inactive")
            claim = OrganisationClaim.objects.create(
                user=locked,
                organisation=organisation,
                state=ClaimState.APPROVED,
                decided_by=by,
                decided_at=now,
                reason=gettext("Ingesteld door een beheerder."),
                created_at=now,
            )
            _log(claim, actor=by, action="approve", reason=claim.reason)
        locked.organisation = organisation
        locked.save(update_fields=["organisation"])
    user.organisation = organisation
    return claim


def claim_kind(template: str) -> str:
    """The outbox kind of a claim decision e-mail (``approved`` or ``refused``)."""
    return f"organisation_claim_{template}"


# Every kind this module queues, with its Dutch name in the outbox (learning.outbox.renderers).
KIND_LABELS = {
    claim_kind("approved"): _("Organisatie bevestigd"),
    claim_kind("refused"): _("Aanvraag voor organisatie afgewezen"),
}


def _queue_decision_email(claim: OrganisationClaim, *, user: User) -> None:
    template = "approved" if claim.state == ClaimState.APPROVED else "refused"
    context = {
        "user": user,
        "claim": claim,
        "organisation": claim.organisation,
        "profile_url": f"{settings.SITE_URL}{reverse('accounts:profile')}",
        "site_url": settings.SITE_URL,
    }
    subject = (
        gettext("Uw organisatie is bevestigd: %(name)s")
        if claim.state == ClaimState.APPROVED
        else gettext("Uw aanvraag voor %(name)s is afgewezen")
    ) % {"name": claim.organisation.display_name}
    message_queue(
        to=user.email,
        kind=claim_kind(template),
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        text=render_to_string(f"accounts/email/claim_{template}.txt", context),
        html=render_to_string(f"accounts/email/claim_{template}.html", context),
        user=user,
        dedupe_key=f"organisation-claim-{claim.pk}-{template}",
    )
