from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import PioneerProfilePage


@hooks.register("before_publish_page")
def refuse_publish_without_consent(request, page):
    """Send the editor back to the form, with the reason, instead of publishing a profile
    without recorded consent. The page form refuses it first; this catches every other admin
    route to a publish. ``PioneerProfilePage.publish`` refuses it outside the admin."""
    if isinstance(page, PioneerProfilePage) and not page.has_consent:
        messages.error(
            request,
            _(
                "“%(title)s” is niet gepubliceerd: leg eerst de toestemming van de persoon vast "
                "(vinkje en datum). De wijzigingen zijn als concept bewaard."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
