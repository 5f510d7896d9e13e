"""allauth's forms with our labels and error messages (ACCOUNT_FORMS).

Kept apart from forms.py: allauth builds its sign-up form on top of forms.SignupForm, so
importing allauth's forms there would be circular.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

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

    def clean(self):
        """allauth checks the password against a user with only an e-mail address; check it
        again with the name and organisation filled in, so "Apeldoorn2026!" is refused for
        someone at the municipality of Apeldoorn (SiteWordsValidator) at sign-up too."""
        cleaned_data = super().clean()
        password = cleaned_data.get("password1")
        if password:
            applicant = get_user_model()(
                email=cleaned_data.get("email") or "",
                full_name=cleaned_data.get("full_name") or "",
                organisation=cleaned_data.get("organisation"),
            )
            try:
                password_validation.validate_password(password, applicant)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres")
        self.fields["email"].error_messages.update(EMAIL_ERRORS)


class AdminLoginForm(WagtailLoginForm):
    """The Wagtail admin's login (WAGTAILADMIN_USER_LOGIN_FORM), checked by allauth.

    Passwords are tried through allauth's adapter, so /admin/login/ falls under the same
    limits as /accounts/login/ ("login_failed" in ACCOUNT_RATE_LIMITS, per visitor address
    and per visitor address + e-mail address): guessing an editor's password there is no
    easier than on the site's own login page.
    """

    def clean(self):
        email = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if email is not None and password:
            adapter = get_adapter(self.request)
            self.user_cache = adapter.authenticate(self.request, email=email, password=password)
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
