"""Demo evaluation: the past "Aftrap leerkringen 2026" with six attendees, five of whom
answered anonymously, so the results show; Anouk Jansen (a demo login) has not answered yet
and finds "Evaluatie invullen" in her history.

The attendance is written directly: the registration services refuse to register anyone
for an event that is over, and the demo needs one that is. The answers go through
``evaluation_submit``, as on the site.
"""

from datetime import timedelta

from learning.accounts.models import User
from learning.events.models import EventPage, Registration, RegistrationStatus

from . import services
from .errors import EvaluationError

ATTENDEES = [
    "anouk.jansen@apeldoorn.example",
    "mohamed.elamrani@zwolle.example",
    "pieter.bakker@leeuwarden.example",
    "lotte.visser@gelderland.example",
    "joost.mulder@valleienveluwe.example",
    "sam.peeters@regiodienst.example",
]

# (overall rating, what they take along, what could be better), by attendee after Anouk.
ANSWERS = [
    (
        5,
        "Concrete werkafspraken met de andere gemeenten in mijn kring.",
        "Iets meer tijd voor de kennismaking.",
    ),
    (4, "Dat waterschappen met dezelfde vragen over inkoop worstelen als wij.", ""),
    (4, "Een lijst met contactpersonen per thema.", "De zaal was wat krap voor 40 mensen."),
    (3, "", "De presentaties mochten korter; meer tijd om zelf aan de slag te gaan."),
    (5, "Inspiratie van het voorbeeld uit Zwolle over hergebruik van bouwmaterialen.", ""),
]


def load() -> None:
    event = EventPage.objects.filter(slug="aftrap-leerkringen-2026").first()
    if event is None:
        return
    users = {user.email: user for user in User.objects.filter(email__in=ATTENDEES)}
    for email in ATTENDEES:
        user = users.get(email)
        if user is None:
            continue
        if not Registration.objects.filter(event=event, user=user).exists():
            Registration.objects.create(
                event=event,
                user=user,
                organisation=user.organisation,
                job_role=user.job_role,
                status=RegistrationStatus.ATTENDED,
                created_at=event.starts_at - timedelta(days=14),
                confirmed_at=event.starts_at - timedelta(days=14),
                attended_at=event.starts_at,
            )
    survey = services.survey_open(survey=services.survey_for_occasion(event=event))
    for email, (rating, takeaway, improve) in zip(ATTENDEES[1:], ANSWERS, strict=True):
        user = users.get(email)
        if user is None:
            continue
        try:
            services.evaluation_submit(
                survey=survey,
                user=user,
                data={"overall": rating, "takeaway": takeaway, "improve": improve},
                named=False,
            )
        except EvaluationError as error:
            if error.code != "already_answered":
                raise
