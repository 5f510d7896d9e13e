"""``{% follow_button "theme" theme.pk theme.name %}``: follow or unfollow, on any page."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("alerts/includes/follow_button.html", takes_context=True)
def follow_button(context, kind: str, object_id: int, name: str):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "user": user,
        "kind": kind,
        "object_id": object_id,
        "name": name,
        "following": selectors.is_following(user=user, kind=kind, object_id=object_id),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("alerts/includes/contact_link.html", takes_context=True)
def pioneer_contact_link(context, profile):
    """ "Stuur een bericht" on a pioneer's page, when the pioneer accepts messages (one query);
    anonymous visitors are asked to log in first."""
    request = context.get("request")
    user = getattr(request, "user", None)
    contact = selectors.pioneer_contact_for(profile=profile)
    open_to_all = bool(contact and contact.accepts_messages and contact.user.is_active)
    authenticated = getattr(user, "is_authenticated", False)
    return {
        "profile": profile,
        "request": request,
        "show_login": open_to_all and not authenticated,
        "can_contact": authenticated and selectors.can_contact(contact=contact, sender=user),
    }
