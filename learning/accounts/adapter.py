from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import gettext_lazy as _

from learning.core.ratelimit import client_address

from . import notifications


class AccountAdapter(DefaultAccountAdapter):
    """allauth, with its e-mails queued in the outbox and made only when they are sent.

    The messages people see are ours: in the site's formal "u" voice, saying what to do next.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Dit account is niet actief. Neem contact op met de redactie."),
        "email_password_mismatch": _(
            "Het e-mailadres of het wachtwoord klopt niet. Controleer ze en probeer het opnieuw."
        ),
        "email_taken": _("Er bestaat al een account met dit e-mailadres."),
        "enter_current_password": _("Vul uw huidige wachtwoord in."),
        "incorrect_password": _("Dit wachtwoord klopt niet."),
        "invalid_password_reset": _(
            "Deze link om uw wachtwoord opnieuw in te stellen is ongeldig of verlopen. "
            "Vraag een nieuwe link aan."
        ),
        "too_many_login_attempts": _(
            "Te veel inlogpogingen. Wacht vijf minuten en probeer het dan opnieuw."
        ),
        "unknown_email": _("Dit e-mailadres hoort niet bij een account."),
        "unverified_primary_email": _("Bevestig eerst uw e-mailadres."),
    }

    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed logins count per visitor address *and* e-mail address ("login_failed" per
        key in ACCOUNT_RATE_LIMITS), not per e-mail address alone as in allauth.

        allauth's key lets anyone who knows an address lock its owner out (five wrong
        passwords, from anywhere, every five minutes). With the visitor's address in the key a
        stranger only locks out himself; guessing one account from many addresses is held
        back by the limit per address ("10/m/ip") and the password rules. allauth has no
        public hook for this key; tests/accounts/test_login_limits.py pins the behaviour.
        """
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{client_address(request)}:{account_key}"

    def send_mail(self, template_prefix, email, context):
        # Never rendered here: the body holds the link that opens the account, and the outbox
        # must not keep it (see notifications.py).
        notifications.account_email_queue(
            template_prefix=template_prefix, email=email, context=context
        )
