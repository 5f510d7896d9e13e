"""Reads on organisations."""

from django.db.models import QuerySet

from .models import Organisation, OrganisationKind


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
