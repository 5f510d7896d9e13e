"""The refusals of the registration rules: one code and one Dutch message each."""

from django.utils.translation import gettext_lazy as _

from learning.core.errors import DomainError


class RegistrationError(DomainError):
    """A refused registration action: a code for programs, a Dutch message for people."""


def _error(code: str) -> RegistrationError:
    messages = {
        "login_required": _("Log in om u aan te melden."),
        "email_unverified": _(
            "Bevestig eerst uw e-mailadres. Klik op de link in de e-mail die we u stuurden."
        ),
        "organisation_missing": _(
            "Voor deze bijeenkomst moet vaststaan voor welke organisatie u werkt. Kies in uw "
            "profiel uw organisatie: met een e-mailadres van die organisatie telt u direct mee, "
            "met een ander adres beoordeelt een coördinator uw aanvraag."
        ),
        "handover_not_member": _(
            "U kunt deze plek niet overdragen: u telt niet (meer) mee voor de organisatie "
            "waarvoor u bent aangemeld. Vraag een coördinator om de plek over te dragen."
        ),
        "not_open_yet": _("Aanmelden is nog niet mogelijk."),
        "closed": _("Aanmelden is gesloten."),
        "event_cancelled": _("Deze bijeenkomst gaat niet door."),
        "already_registered": _("U bent al aangemeld voor deze bijeenkomst."),
        "role_not_allowed": _("Deze bijeenkomst is bedoeld voor een andere doelgroep dan uw rol."),
        "organisation_kind_not_allowed": _(
            "Deze bijeenkomst is alleen voor medewerkers van bepaalde soorten overheden."
        ),
        "not_active": _("Deze aanmelding is al afgemeld of afgerond."),
        "cancel_deadline_passed": _(
            "Afmelden via de site kan niet meer. Neem contact op met de organisator."
        ),
        "not_yours": _("Dit is niet uw aanmelding."),
        "forbidden": _("U mag deze aanmeldingen niet beheren."),
        "no_offer": _("Er staat geen plek voor u klaar."),
        "offer_expired": _("Het aanbod is verlopen. De plek is doorgegeven aan de volgende."),
        "reason_required": _("Geef een reden op; die komt in het logboek."),
        "handover_no_seat": _("U kunt alleen een bevestigde plek overdragen."),
        "handover_colleague_registered": _("Deze collega is al aangemeld voor deze bijeenkomst."),
        "handover_colleague_unknown": _(
            "U kunt uw plek alleen overdragen aan een collega van dezelfde organisatie met een "
            "account en een bevestigd e-mailadres. Controleer het e-mailadres."
        ),
        "handover_series_full": _(
            "Uw collega kan deze plek niet overnemen: uw organisatie heeft al het maximum "
            "aantal deelnemers voor de hele reeks."
        ),
        "not_waiting": _("Alleen wie op de wachtlijst staat, kan worden verplaatst."),
        "message_already_sent": _(
            "Dit bericht is al verstuurd. Het is niet nog een keer in de wachtrij gezet."
        ),
        "no_recipients": _(
            "Er is (nog) niemand met een plek voor deze bijeenkomst: het bericht kan naar niemand."
        ),
        "sessions_deadline_passed": _(
            "Uw sessies wijzigen via de site kan niet meer. Neem contact op met de organisator."
        ),
        "session_not_of_event": _("Deze sessie hoort niet bij deze bijeenkomst."),
        "session_move_needs_seat": _(
            "Alleen wie een plek bij de bijeenkomst heeft, kan naar een sessie worden verplaatst."
        ),
        "session_full": _(
            "Deze sessie is vol. Verplaats eerst iemand naar een andere sessie, of kies een "
            "andere sessie."
        ),
        "answers_deadline_passed": _(
            "Uw antwoorden wijzigen via de site kan niet meer. Neem contact op met de organisator."
        ),
    }
    return RegistrationError(code, messages[code])
