"""Accounts in the admin: the organisation-claims work queue with its dashboard panel, and the
bulk "delete users" through ``user_delete`` (see admin_views for the single delete)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from .claims_admin import OrganisationClaimViewSet, PendingClaimsPanel
from .organisation_claims import can_decide_claims
from .services import AccountError, user_delete

claim_viewset = OrganisationClaimViewSet("organisation_claims")


@hooks.register("register_admin_viewset")
def register_claim_viewset():
    return claim_viewset


@hooks.register("construct_homepage_panels")
def add_pending_claims_panel(request, panels):
    if can_decide_claims(request.user):
        panels.append(PendingClaimsPanel(decide_url_name=claim_viewset.get_url_name("decide")))


class UserDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete only removes the rows; this erases each person's data first."""

    @classmethod
    def execute_action(cls, objects, model=None, **kwargs):
        for user in objects:
            user_delete(user=user)
        return len(objects), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AccountError as error:
            # Nothing was deleted: the bulk action runs in one transaction.
            messages.error(self.request, error.message)
            return redirect(self.next_url)


# After Wagtail's own registration (order 0), so this class replaces its "delete" for users.
hooks.register("register_bulk_action", UserDeleteBulkAction, order=1)
