"""Wagtail's user admin, with our fields instead of first and last name."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import JobRole, User

ADMIN_USER_FIELDS = ["email", "full_name", "organisation", "job_role", "is_superuser", "groups"]


class AdminUserFieldsMixin(forms.ModelForm):
    # Our model has one full name instead of Wagtail's first and last name.
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("Volledige naam"), max_length=150)
    job_role = forms.ChoiceField(label=_("Functierol"), choices=JobRole.choices)


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


class UserViewSet(WagtailUserViewSet):
    create_template_name = "accounts/admin/users/create.html"
    edit_template_name = "accounts/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return AdminUserEditForm if for_update else AdminUserCreationForm
