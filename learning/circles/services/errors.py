"""The refusals of the membership rules: one code and one Dutch message each."""

from django.utils.translation import gettext_lazy as _

from learning.core.errors import DomainError


class CircleError(DomainError):
    """A refused circle action: a code for programs, a Dutch message for people."""


def _error(code: str) -> CircleError:
    messages = {
        "login_required": _("Log in om u aan te melden voor een leerkring."),
        "no_organisation": _(
            "Vul eerst in uw profiel in bij welke overheid u werkt; die organisatie komt bij "
            "uw aanmelding."
        ),
        "closed": _("Deze leerkring neemt geen aanmeldingen meer aan."),
        "ended": _("Deze leerkring is afgelopen."),
        "already_member": _("U bent al lid van deze leerkring."),
        "already_applied": _("U heeft zich al aangemeld. De coördinator beoordeelt uw aanmelding."),
        "declined": _(
            "Uw aanmelding is eerder afgewezen. Neem contact op met de coördinator als u "
            "opnieuw wilt aanmelden."
        ),
        "motivation_required": _("Schrijf kort waarom u mee wilt doen."),
        "full": _("De leerkring is vol."),
        "forbidden": _("Dit mag alleen een coördinator van deze leerkring."),
        "not_applied": _("Deze aanmelding is al beoordeeld."),
        "not_member": _("U bent geen lid van deze leerkring."),
        "coordinator_cannot_leave": _(
            "Coördinatoren worden door de redactie aangewezen; vraag de redactie om u van de "
            "kring te halen."
        ),
        "invitation_invalid": _("Deze uitnodiging is ongeldig. Gebruik de link uit de e-mail."),
        "invitation_used": _("Deze uitnodiging is al gebruikt."),
        "invitation_expired": _(
            "Deze uitnodiging is verlopen. Vraag de coördinator om een nieuwe uitnodiging."
        ),
        "invitation_other_address": _(
            "Deze uitnodiging is voor een ander e-mailadres. Log in met het adres waarop u de "
            "uitnodiging kreeg."
        ),
        "unknown_meeting": _("Deze bijeenkomst hoort niet bij deze leerkring."),
    }
    return CircleError(code, messages[code])
