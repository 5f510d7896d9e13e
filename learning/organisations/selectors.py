"""Reads on organisations."""

from django.db.models import QuerySet

from .models import Organisation, OrganisationDomain, OrganisationKind


def organisations_active() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True)


def organisation_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Active organisations grouped by kind, for a <select> with <optgroup>s (one query)."""
    labels = dict(OrganisationKind.choices)
    plural = {
        OrganisationKind.GEMEENTE: "Gemeenten",
        OrganisationKind.PROVINCIE: "Provincies",
        OrganisationKind.WATERSCHAP: "Waterschappen",
        OrganisationKind.RIJK: "Rijksoverheid",
        OrganisationKind.OVERIG: "Overige organisaties",
    }
    groups: dict[str, list[tuple[int, str]]] = {kind: [] for kind in labels}
    for pk, name, kind in organisations_active().order_by("name").values_list("pk", "name", "kind"):
        groups[kind].append((pk, name))
    return [(str(plural[kind]), options) for kind, options in groups.items() if options]


def email_domain_candidates(email: str) -> list[str]:
    """The domain of ``email`` and each parent domain: a.b.apeldoorn.nl → …, apeldoorn.nl."""
    domain = (email or "").rpartition("@")[2].strip().lower().rstrip(".")
    parts = domain.split(".")
    return [".".join(parts[index:]) for index in range(len(parts) - 1)] if domain else []


def organisation_domain_for_email(email: str) -> OrganisationDomain | None:
    """The organisation domain an address is on (the longest match), or None; one query."""
    candidates = email_domain_candidates(email)
    if not candidates:
        return None
    matches = OrganisationDomain.objects.select_related("organisation").filter(
        domain__in=candidates
    )
    return max(matches, key=lambda match: len(match.domain), default=None)


def organisation_domain_matching(
    *, organisation_id: int, email: str, not_added_by_id: int | None = None
) -> OrganisationDomain | None:
    """The domain of ``organisation_id`` that ``email`` is on (the longest), or None.
    ``not_added_by_id``: leave out the domains that person linked to the organisation."""
    candidates = email_domain_candidates(email)
    if not candidates:
        return None
    matches = OrganisationDomain.objects.filter(
        organisation_id=organisation_id, domain__in=candidates
    )
    if not_added_by_id is not None:
        matches = matches.exclude(added_by_id=not_added_by_id)
    return max(matches, key=lambda match: len(match.domain), default=None)


def organisation_domain_covers(*, organisation_id: int, domain: str, email: str) -> bool:
    """Whether ``domain`` is still one of the organisation's domains and ``email`` is on it."""
    return (
        bool(domain)
        and domain in email_domain_candidates(email)
        and OrganisationDomain.objects.filter(
            organisation_id=organisation_id, domain=domain
        ).exists()
    )
