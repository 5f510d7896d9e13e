"""Shared pieces for Wagtail admin viewsets."""

from django.contrib.auth import get_permission_codename


class ServiceManagedViewSetMixin:
    """For ModelViewSets whose rows change only through services, never through a form.

    Links to a row from elsewhere in the admin open its inspect view, and only the view and
    change permissions are offered to groups (there is no add or delete).
    """

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder

    def get_permissions_to_register(self):
        codenames = [
            get_permission_codename(action, self.model_opts) for action in ("view", "change")
        ]
        return super().get_permissions_to_register().filter(codename__in=codenames)
