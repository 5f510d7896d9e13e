"""allauth's forms with our labels and error messages (ACCOUNT_FORMS).

Kept apart from forms.py: allauth builds its sign-up form on top of forms.SignupForm, so
importing allauth's forms there would be circular.
"""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _

EMAIL_ERRORS = {
    "required": _("Vul uw e-mailadres in."),
    "invalid": _("Vul een e-mailadres in zoals naam@gemeente.nl."),
}
PASSWORD_REQUIRED = _("Vul uw wachtwoord in.")


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mailadres")
        self.fields["login"].error_messages.update(EMAIL_ERRORS)
        self.fields["password"].label = _("Wachtwoord")
        self.fields["password"].error_messages["required"] = PASSWORD_REQUIRED
        self.fields["remember"].label = _("Ingelogd blijven op dit apparaat")


class SignupForm(allauth_forms.SignupForm):
    field_order = ["email", "full_name", "organisation", "job_role", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")
        self.fields["email"].help_text = _("Uw werkadres. Hierheen sturen we de bevestiging.")
        self.fields["email"].error_messages.update(EMAIL_ERRORS)
        self.fields["password1"].label = _("Wachtwoord")
        self.fields["password1"].error_messages["required"] = _("Kies een wachtwoord.")
        self.fields["password2"].label = _("Wachtwoord herhalen")
        self.fields["password2"].error_messages["required"] = _(
            "Vul het wachtwoord nog een keer in."
        )
        self.order_fields(self.field_order)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")
        self.fields["email"].error_messages.update(EMAIL_ERRORS)
