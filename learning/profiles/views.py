"""Thin views: the profile index reads with selectors and answers bad filters with a 400."""

from functools import partial

from learning.core.filtering import filter_list_response

from . import selectors
from .forms import ProfileFilterForm

PROFILES_PER_PAGE = 12


def profile_index(request, index_page):
    """The "Pioniers" page: filters by theme, organisation kind and province, plus search."""
    return filter_list_response(
        request,
        page=index_page,
        form_class=ProfileFilterForm,
        select=partial(selectors.profiles_filtered, user=request.user),
        per_page=PROFILES_PER_PAGE,
        template="profiles/profile_index_page.html",
        items_name="profiles",
        # A card shows what a publication changes, and the organisation, whose changes replace
        # the content generation too (learning.profiles.apps). Who sees which profiles depends
        # on the visitor: the list is cached for anonymous visitors only.
        item_key=_card_key,
        cache_list=not request.user.is_authenticated,
    )


def _card_key(profile) -> tuple:
    organisation = profile.organisation
    return (profile.pk, organisation and (organisation.display_name, organisation.kind))
