"""The certificates on "Mijn aanmeldingen" (Eerder): registered in learning.events.history."""

from django.urls import reverse
from django.utils.translation import gettext as _

from learning.events.history import HistoryContributor, HistoryLink

from . import selectors


def links(*, user, registrations) -> dict[int, list[HistoryLink]]:
    """A download link beside each attended registration that has (or will get, at the first
    download) a valid certificate. One query for all registrations."""
    return {
        pk: [
            HistoryLink(
                kind="certificate",
                label=_("Deelnamebewijs downloaden (pdf)"),
                url=reverse("certificates:download_registration", kwargs={"registration_id": pk}),
            )
        ]
        for pk in sorted(selectors.registrations_with_certificate(registrations=registrations))
    }


def tasks(*, user) -> list[HistoryLink]:
    """A programme's certificate, for each programme of which every masterclass was
    attended (three queries, however many)."""
    return [
        HistoryLink(
            kind="certificate",
            label=_("Deelnamebewijs programma %(title)s downloaden (pdf)")
            % {"title": programme.title},
            url=reverse("certificates:download_programme", kwargs={"programme_id": programme.pk}),
            description=_("U was bij alle masterclasses van dit programma."),
        )
        for programme in selectors.programmes_with_certificate(user=user)
    ]


CONTRIBUTOR = HistoryContributor(name="certificates", links=links, tasks=tasks)
