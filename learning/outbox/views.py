"""Admin view for the one thing coordinators do with the outbox: send a failed e-mail again."""

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from . import selectors
from .models import OutboxMessage, OutboxStatus
from .services import OutboxError, message_retry


class RetryView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation, POST queues the failed message again."""

    model = OutboxMessage
    permission_required = "change"
    template_name = "outbox/admin/confirm_retry.html"
    page_title = _("Opnieuw versturen")
    header_icon = "mail"
    index_url_name = None
    inspect_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            selectors.messages_visible_to(user=request.user), pk=self.kwargs["pk"]
        )

    @cached_property
    def inspect_url(self):
        return reverse(self.inspect_url_name, args=(quote(self.object.pk),))

    def get(self, request, *args, **kwargs):
        if self.object.status != OutboxStatus.FAILED:
            messages.error(request, _("Alleen een mislukte e-mail kunt u opnieuw versturen."))
            return redirect(self.inspect_url)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            message_retry(message=self.object, actor=request.user)
        except OutboxError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De e-mail staat weer in de wachtrij."))
        return redirect(self.inspect_url)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(OutboxMessage._meta.verbose_name_plural),
            },
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["inspect_url"] = self.inspect_url
        return context
