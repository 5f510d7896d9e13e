"""The personal feed ``/agenda/persoonlijk/<token>.ics``: everything of one person, from every
registered source (registry.py), behind the person's secret calendar token."""

from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_safe

from learning.accounts.models import User

from .ical import new_calendar, serialise
from .registry import personal_sources
from .responses import calendar_response
from .selectors import last_removal

PERSONAL_NAME = "Circulair Leren – mijn aanmeldingen"


def personal_calendar(*, user, request=None) -> str:
    """The person's calendar: each source adds its items (one query each)."""
    calendar = new_calendar(name=PERSONAL_NAME)
    for source in personal_sources():
        source.add_items(calendar, user=user, request=request)
    return serialise(calendar)


def personal_feed_state(*, user) -> tuple:
    """(Last-Modified, ETag state) of the person's feed, in one query over every source.

    The date is part of it because items leave the feed as time passes; the last removal of
    any page (unpublished, deleted, restricted) because items leave it without a publication.
    """
    aggregates = {}
    for source in personal_sources():
        aggregates.update(source.aggregates())
    values = User.objects.filter(pk=user.pk).aggregate(removed=Max(last_removal()), **aggregates)
    moments = [values["removed"]]
    parts = [f"{timezone.localdate():%Y%m%d}"]
    for source in personal_sources():
        last, state = source.state(user=user, values=values)
        moments.append(last)
        parts.append(state)
    moments = [moment for moment in moments if moment]
    last = max(moments) if moments else None
    stamp = last.timestamp() if last else 0
    return last, f"personal-{user.pk}-{stamp:.6f}-{'-'.join(parts)}"


@require_safe
def personal_feed(request, token: str):
    """The person's items; the secret token in the URL is the only credential."""
    user = User.objects.filter(calendar_token=token, is_active=True).first() if token else None
    if user is None:
        raise Http404("Onbekende agendalink.")
    last, state = personal_feed_state(user=user)
    return calendar_response(
        request,
        state=state,
        last_modified=last,
        build=lambda: personal_calendar(user=user, request=request),
        public=False,
        filename="mijn-aanmeldingen.ics",
    )
