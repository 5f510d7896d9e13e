"""Importing e-mail domains from a CSV of ``cbs_code,domain``: check first, then import."""

from django import forms
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .services import OrganisationError, csv_text, domains_import, domains_import_check

IMPORT_PERMISSION = "organisations.add_organisationdomain"


class DomainImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        required=False,
        help_text=_(
            "Twee kolommen: cbs_code,domein (bijvoorbeeld GM0200,apeldoorn.nl), één domein per "
            "regel; een kopregel mag. Eerst ziet u wat er geïmporteerd wordt."
        ),
    )
    data = forms.CharField(widget=forms.HiddenInput, required=False)


class DomainImportView(WagtailAdminTemplateMixin, TemplateView):
    """POST with a file: the dry run (a table of accepted and refused rows, nothing written).
    POST with ``confirm``: imports the accepted rows of the same text in one transaction."""

    template_name = "organisations/admin/domain_import.html"
    page_title = _("E-maildomeinen importeren")
    header_icon = "upload"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            return HttpResponseForbidden(_("U mag geen e-maildomeinen importeren."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", DomainImportForm())
        context["index_url"] = reverse(self.index_url_name)
        return context

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("E-maildomeinen")},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request, *args, **kwargs):
        form = DomainImportForm(request.POST, request.FILES)
        form.is_valid()
        upload = form.cleaned_data.get("file")
        data = upload.read() if upload else form.cleaned_data.get("data", "")
        if not data:
            form.add_error("file", _("Kies een CSV-bestand."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            if "confirm" in request.POST and not upload:
                report = domains_import(data=data, by=request.user)
                messages.success(
                    request,
                    _("%(count)d e-maildomeinen geïmporteerd; %(refused)d regels overgeslagen.")
                    % {"count": report.created, "refused": len(report.refused)},
                )
                return redirect(reverse(self.index_url_name))
            report = domains_import_check(data=data)
        except OrganisationError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form), status=error.status)
        text = csv_text(data)
        confirm_form = DomainImportForm(initial={"data": text})
        return self.render_to_response(
            self.get_context_data(form=form, confirm_form=confirm_form, report=report)
        )
