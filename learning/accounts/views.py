import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from learning.core import personal_data

from .forms import DeleteAccountForm, ProfileForm, add_account_error
from .models import ClaimState
from .selectors import claim_current
from .services import AccountError, user_delete, user_export_data, user_update_profile


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    # Bound on every POST, also an empty one (which then gets its errors and a 400).
    form = ProfileForm(
        request.POST if request.method == "POST" else None, initial=ProfileForm.initial_for(user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(user=user, **form.cleaned_data)
        except AccountError as error:
            add_account_error(form, error)
        else:
            claim = claim_current(user=user)
            if claim is not None and claim.state == ClaimState.PENDING:
                messages.success(
                    request,
                    _(
                        "Uw gegevens zijn opgeslagen. Een coördinator beoordeelt uw aanvraag "
                        "voor %(name)s; u krijgt daarover een e-mail."
                    )
                    % {"name": claim.organisation.display_name},
                )
            else:
                messages.success(request, _("Uw gegevens zijn opgeslagen."))
            return redirect("accounts:profile")
    status = 400 if form.errors else 200
    context = {"form": form, "claim": claim_current(user=user)}
    return TemplateResponse(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def export_data(request):
    """GET explains what the download holds; POST returns the JSON file."""
    if request.method == "GET":
        return TemplateResponse(
            request, "accounts/export_data.html", {"providers": personal_data.providers()}
        )
    data = user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-circulair-leren.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user_delete(user=request.user)
        except AccountError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(request, _("Uw account en uw gegevens zijn verwijderd."))
            return redirect("/")
    status = 400 if form.errors else 200
    return TemplateResponse(request, "accounts/delete_account.html", {"form": form}, status=status)
