"""The refusals of the certificate rules: one code and one Dutch message each."""

from django.utils.translation import gettext_lazy as _

from learning.core.errors import DomainError


class CertificateError(DomainError):
    """A refused certificate action: a code for programs, a Dutch message for people."""


def certificate_error(code: str) -> CertificateError:
    # A certificate someone may not have does not exist for them: 404, never a hint.
    refusals = {
        "not_found": (_("Dit deelnamebewijs bestaat niet."), 404),
        "not_attended": (
            _("Er is geen deelnamebewijs: u bent (nog) niet aanwezig gemeld."),
            404,
        ),
        "programme_incomplete": (
            _(
                "Er is (nog) geen deelnamebewijs voor dit programma: dat komt er als u bij "
                "alle masterclasses van het programma aanwezig bent gemeld."
            ),
            404,
        ),
        "revoked": (
            _("Dit deelnamebewijs is ingetrokken. Neem contact op met de organisator."),
            404,
        ),
        "name_missing": (
            _("Vul eerst uw naam in bij uw profiel: die komt op het deelnamebewijs."),
            409,
        ),
        "reason_required": (_("Geef een reden op; die komt in het logboek."), 400),
        "already_revoked": (_("Dit deelnamebewijs is al ingetrokken."), 409),
        "forbidden": (_("U mag deze deelnamebewijzen niet beheren."), 403),
    }
    message, status = refusals[code]
    return CertificateError(code, message, status=status)
