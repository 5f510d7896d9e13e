"""The admin's bulk "delete users" goes through ``user_delete`` too (see admin_views)."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from .services import AccountError, user_delete


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
