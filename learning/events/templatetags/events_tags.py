"""Template filters for the timetable: presentation only, the rules are in the services."""

from django import template

register = template.Library()


@register.filter
def choice_in_round(choices: dict, session):
    """The person's choice (``{round id: SessionChoice}``) if it is for ``session``."""
    if not choices:
        return None
    choice = choices.get(session.round_id)
    return choice if choice is not None and choice.session_id == session.pk else None
