from django import forms
from django.utils.translation import gettext_lazy as _

from learning.organisations.selectors import organisation_choices, organisations_active

from .errors import AccountError
from .models import JobRole, User
from .organisation_claims import (
    EXPLANATION_MAX_LENGTH,
    MESSAGES,
    claim_needs_explanation,
    claim_request,
)
from .selectors import claim_current


class OrganisationField(forms.ModelChoiceField):
    """A required choice of public body, shown grouped by kind."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Organisatie"))
        kwargs.setdefault(
            "help_text",
            _("De gemeente, provincie, het waterschap of de andere overheid waar u werkt."),
        )
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Kies de organisatie waar u werkt."),
                "invalid_choice": _("Kies een organisatie uit de lijst."),
            },
        )
        super().__init__(
            queryset=organisations_active(), empty_label=_("Kies uw organisatie"), **kwargs
        )

    def load_choices(self):
        self.choices = [("", self.empty_label), *organisation_choices()]


def full_name_field():
    return forms.CharField(
        label=_("Volledige naam"),
        max_length=150,
        error_messages={"required": _("Vul uw volledige naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def job_role_field():
    return forms.ChoiceField(
        label=_("Uw rol"),
        choices=JobRole.choices,
        widget=forms.RadioSelect,
        help_text=_("Zo tonen we masterclasses en bijeenkomsten die bij uw werk passen."),
        error_messages={"required": _("Kies welke rol het beste bij uw werk past.")},
    )


def explanation_field():
    return forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=EXPLANATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Met een e-mailadres van uw organisatie (bijvoorbeeld @apeldoorn.nl) telt u direct "
            "mee. Met een ander adres beoordeelt een coördinator uw aanvraag: leg kort uit "
            "waarom u voor deze organisatie werkt, bijvoorbeeld gedetacheerd of bij een "
            "samenwerkingsverband."
        ),
        error_messages={"max_length": MESSAGES["explanation_too_long"]},
    )


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth adds e-mail and password)."""

    full_name = full_name_field()
    organisation = OrganisationField()
    explanation = explanation_field()
    job_role = job_role_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].load_choices()

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        email = cleaned.get("email")
        if (
            organisation is not None
            and email
            and not (cleaned.get("explanation") or "").strip()
            and claim_needs_explanation(email=email, organisation=organisation)
        ):
            self.add_error("explanation", MESSAGES["explanation_required"])
        return cleaned

    def signup(self, request, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"].strip()
        user.job_role = self.cleaned_data["job_role"]
        user.save()
        claim_request(
            user=user,
            organisation=self.cleaned_data["organisation"],
            explanation=self.cleaned_data.get("explanation", ""),
        )


class ProfileForm(forms.Form):
    full_name = full_name_field()
    organisation = OrganisationField()
    explanation = explanation_field()
    job_role = job_role_field()
    job_title = forms.CharField(
        label=_("Functietitel (optioneel)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].load_choices()

    @staticmethod
    def initial_for(user: User) -> dict:
        """The person's details, with the organisation they asked for (also while pending)."""
        claim = claim_current(user=user)
        return {
            "full_name": user.full_name,
            "organisation": claim.organisation_id if claim else user.organisation_id,
            "job_role": user.job_role,
            "job_title": user.job_title,
        }


def add_account_error(form: forms.Form, error: AccountError) -> None:
    """Show a refused profile change at the field it is about."""
    field = {
        "explanation_required": "explanation",
        "explanation_too_long": "explanation",
    }.get(error.code, "organisation")
    form.add_error(field, error.message)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging dat u het zelf bent."),
        error_messages={"required": _("Vul uw wachtwoord in om te bevestigen.")},
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en gegevens definitief worden verwijderd."),
        error_messages={"required": _("Vink aan dat u begrijpt dat dit definitief is.")},
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Dit wachtwoord klopt niet. Probeer het opnieuw."), code="wrong_password"
            )
        return password
