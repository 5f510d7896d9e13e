"""The page form editors use; kept apart from forms.py because the models import it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

CONSENT_REQUIRED_MESSAGE = _(
    "Dit profiel kan niet gepubliceerd worden zonder vastgelegde toestemming van de persoon: "
    "vink de toestemming aan en vul de datum in."
)


class PioneerProfilePageForm(WagtailAdminPageForm):
    """Admin form: a new profile starts as a draft; publishing or submitting it for moderation
    needs recorded consent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            # Page.live defaults to True; the model's consent check would then refuse to save
            # even a draft. Wagtail sets live itself when the editor publishes.
            self.instance.live = False

    def clean(self):
        cleaned_data = super().clean()
        # Publishing, and submitting for moderation (which ends in a publish), need consent.
        wants_publish = "action-publish" in self.data or "action-submit" in self.data
        if wants_publish and not (
            cleaned_data.get("consent_given") and cleaned_data.get("consent_date")
        ):
            self.add_error("consent_given", CONSENT_REQUIRED_MESSAGE)
        return cleaned_data
