"""Wagtail's user admin, with our fields instead of first and last name."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from learning.organisations.models import Organisation

from .models import JobRole, User
from .organisation_claims import MESSAGES, can_decide_claims, claim_assign
from .services import AccountError, user_delete

ADMIN_USER_FIELDS = ["email", "full_name", "organisation", "job_role", "is_superuser", "groups"]


class AdminUserFieldsMixin(forms.ModelForm):
    # Our model has one full name instead of Wagtail's first and last name.
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Volledige naam"), max_length=150)
    job_role = forms.ChoiceField(label=_("Functierol"), choices=JobRole.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text=_(
            "Vastgelegd als organisatieaanvraag, goedgekeurd door u (niet voor uw eigen account)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The organisation is not a plain field: it changes through a claim (see save()).
        self.organisation_before = self.instance.organisation if self.instance.pk else None

    def set_actor(self, actor) -> None:
        self.actor = actor

    def clean_organisation(self):
        organisation = self.cleaned_data.get("organisation")
        actor = getattr(self, "actor", None)
        changed = organisation != self.organisation_before
        if changed and actor is not None:
            if not can_decide_claims(actor):
                raise forms.ValidationError(MESSAGES["forbidden"])
            if self.instance.pk and self.instance.pk == actor.pk:
                raise forms.ValidationError(MESSAGES["own_claim"])
        return organisation

    def save(self, commit=True):
        organisation = self.cleaned_data.get("organisation")
        self.instance.organisation = self.organisation_before
        user = super().save(commit=commit)
        actor = getattr(self, "actor", None)
        if commit and actor is not None and organisation != self.organisation_before:
            claim_assign(user=user, organisation=organisation, by=actor)
        return user


class AdminUserCreationForm(AdminUserFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ADMIN_USER_FIELDS
        widgets = {"groups": forms.CheckboxSelectMultiple}


class AdminUserEditForm(AdminUserFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = [*ADMIN_USER_FIELDS, "is_active"]
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserDeleteView(WagtailUserDeleteView):
    """Deleting someone in the admin erases what the site stores about them, exactly as when
    they delete their own account (``user_delete``), instead of only removing the row."""

    success_message = _("Het account en de gegevens van deze gebruiker zijn verwijderd.")

    def delete_action(self):
        user_pk = self.object.pk
        user_delete(user=self.object)
        # The admin log says which account went, by number: a label with the name would be
        # the one place left that names the person.
        self.object.pk = user_pk
        log(
            instance=self.object,
            action="wagtail.delete",
            user=self.request.user,
            title=str(_("Gebruiker %(pk)s") % {"pk": user_pk}),
            deleted=True,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AccountError as error:
            # Two administrators who delete each other at the same moment: the second is
            # refused (user_delete keeps one administrator) and nothing of it is written.
            messages.error(self.request, error.message)
            return redirect(self.get_success_url())


class ActorFormMixin:
    """Hands the signed-in administrator to the form: an organisation set here is a claim
    approved by them (``organisation_claims.claim_assign``), in Wagtail's save transaction."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.set_actor(self.request.user)
        return form


class AdminUserCreateView(ActorFormMixin, CreateView):
    pass


class AdminUserEditView(ActorFormMixin, EditView):
    pass


class UserViewSet(WagtailUserViewSet):
    add_view_class = AdminUserCreateView
    edit_view_class = AdminUserEditView
    delete_view_class = UserDeleteView
    create_template_name = "accounts/admin/users/create.html"
    edit_template_name = "accounts/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
