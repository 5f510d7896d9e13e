"""Organisation claims in the admin: the work queue and its dashboard panel."""

from wagtail import hooks

from .claims_admin import OrganisationClaimViewSet, PendingClaimsPanel
from .organisation_claims import can_decide_claims

claim_viewset = OrganisationClaimViewSet("organisation_claims")


@hooks.register("register_admin_viewset")
def register_claim_viewset():
    return claim_viewset


@hooks.register("construct_homepage_panels")
def add_pending_claims_panel(request, panels):
    if can_decide_claims(request.user):
        panels.append(PendingClaimsPanel(decide_url_name=claim_viewset.get_url_name("decide")))
