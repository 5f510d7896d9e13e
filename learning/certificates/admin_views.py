"""Certificates in the Wagtail admin, for coordinators: a listing of the certificates of their
events and programmes, the log, a download, and "intrekken" (through the service)."""

from django import forms
from django.contrib.admin.utils import quote
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import ModelPermissionPolicy

from learning.core.admin import AuditTrailInspectMixin, LocalTimeInspectMixin
from learning.core.errors import form_refused
from learning.core.exports import LocalTimeExportMixin

from . import selectors, services
from .errors import CertificateError
from .pdf import certificate_filename, certificate_pdf

LOG_ACTION_LABELS = {
    "issued": _("Uitgegeven"),
    "revoked": _("Ingetrokken"),
    "attendance_undone": _("Ingetrokken: aanwezigheid teruggedraaid"),
}
STATUS_LABELS = {"valid": _("Geldig"), "revoked": _("Ingetrokken")}


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Whoever manages registrations (the coordinators' ``events.change_registration``) sees
    certificates; which ones is ``selectors.certificates_managed_by``. Nobody adds, edits or
    deletes them here: they are issued and revoked through the services."""

    def user_has_permission(self, user, action):
        if action not in ("view", "change") or not user.is_active:
            return False
        return user.is_superuser or user.has_perm("events.change_registration")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CertificateIndexView(LocalTimeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return selectors.certificates_managed_by(user=self.request.user)


class CertificateInspectView(AuditTrailInspectMixin, LocalTimeInspectMixin, generic.InspectView):
    audit_actions = LOG_ACTION_LABELS
    audit_statuses = STATUS_LABELS
    revoke_url_name = None
    download_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.certificates_managed_by(user=self.request.user), pk=self.pk
        )

    def get_code_display_value(self):
        return self.object.code_display

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Downloaden (pdf)"),
                url=reverse(self.download_url_name, args=(quote(self.object.pk),)),
                icon_name="download",
                priority=1,
            )
        )
        if not self.object.is_revoked:
            buttons.append(
                Button(
                    _("Intrekken"),
                    url=reverse(self.revoke_url_name, args=(quote(self.object.pk),)),
                    icon_name="cross",
                    priority=2,
                )
            )
        return buttons


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt in het logboek; de openbare controle toont de reden niet."),
    )


class CertificateRevokeView(WagtailAdminTemplateMixin, FormView):
    template_name = "certificates/admin/revoke.html"
    form_class = RevokeForm
    header_icon = "doc-full"
    page_title = _("Deelnamebewijs intrekken")
    inspect_url_name = None

    @cached_property
    def object(self):
        # Another coordinator's certificate does not exist here: 404 for GET and POST alike.
        return get_object_or_404(
            selectors.certificates_managed_by(user=self.request.user), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def form_valid(self, form):
        try:
            services.certificate_revoke(
                certificate=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
            )
        except CertificateError as error:
            return form_refused(self, form, error)
        messages.success(self.request, _("Het deelnamebewijs is ingetrokken."))
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "submit_label": _("Intrekken"),
                "warning": True,
                "refused": self.object.is_revoked,
                "refused_message": _("Dit deelnamebewijs is al ingetrokken."),
                "cancel_url": self.get_success_url(),
            }
        )
        return context


class CertificateDownloadView(View):
    """A coordinator downloads a certificate of their own events or programmes (404 for
    others), as the participant would."""

    def get(self, request, pk):
        certificate = get_object_or_404(selectors.certificates_managed_by(user=request.user), pk=pk)
        response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{certificate_filename(certificate)}"'
        )
        return response
