"""The programme of a day with parallel sessions (after Indico's timetable and pretix's
add-on products): an event has rounds (time slots), each round has sessions that run at the
same time, and a participant holds at most one session per round.

Editors build the programme on the event page ("Programma en sessies" tab, nested and
reorderable). Which session someone holds or waits for is a ``SessionChoice``; the rules that
give and take seats live in ``learning.events.services.sessions``, under the event's lock.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from learning.accounts.models import JobRole


class EventRound(Orderable, ClusterableModel):
    """A time slot of the event in which several sessions run side by side."""

    event = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(
        _("naam"), max_length=100, help_text=_("Bijvoorbeeld ‘Ronde 1’ of ‘Middagsessies’.")
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        InlinePanel("sessions", heading=_("Sessies in deze ronde"), label=_("sessie")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Een ronde eindigt na haar begin.")})

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at)


class EventSession(Orderable):
    """One session of a round: what, who, where, and how many seats."""

    round = ParentalKey(EventRound, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=1000, blank=True)
    speakers = models.CharField(
        _("sprekers"), max_length=300, blank=True, help_text=_("Namen en organisaties.")
    )
    room = models.CharField(
        _("zaal"),
        max_length=100,
        blank=True,
        help_text=_("Sessies in dezelfde zaal staan op brede schermen onder elkaar."),
    )
    online_url = models.URLField(
        _("link voor online deelname"),
        blank=True,
        help_text=_("Alleen zichtbaar voor wie een plek in de sessie heeft."),
    )
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), default=30)
    audience = models.CharField(
        _("bedoeld voor"),
        max_length=20,
        choices=JobRole.choices,
        blank=True,
        help_text=_("Leeg: voor iedereen. Anderen kunnen de sessie ook kiezen."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("speakers"),
        FieldRowPanel([FieldPanel("room"), FieldPanel("capacity")]),
        FieldPanel("online_url"),
        FieldPanel("audience"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self) -> str:
        return self.title


class SessionChoiceStatus(models.TextChoices):
    SEATED = "seated", _("Plek in de sessie")
    WAITING = "waiting", _("Op de wachtlijst van de sessie")


class SessionChoice(models.Model):
    """The session a registration holds (or waits for) in one round: at most one per round.

    A seat in a session is only held with a seat at the event; someone on the event's waiting
    list waits for their session too, in the session's own queue (first come, first served).
    """

    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="session_choices"
    )
    session = models.ForeignKey(EventSession, on_delete=models.CASCADE, related_name="choices")
    # The session's round, kept here so the database holds "one per round" itself.
    round = models.ForeignKey(EventRound, on_delete=models.CASCADE, related_name="choices")
    status = models.CharField(_("status"), max_length=10, choices=SessionChoiceStatus.choices)
    queue_position = models.PositiveIntegerField(_("plek in de rij"), null=True, blank=True)
    created_at = models.DateTimeField(_("gekozen op"), default=timezone.now)

    class Meta:
        verbose_name = _("sessiekeuze")
        verbose_name_plural = _("sessiekeuzes")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "round"], name="session_choice_one_per_round"
            ),
            models.CheckConstraint(
                condition=Q(status="seated", queue_position__isnull=True)
                | Q(status="waiting", queue_position__isnull=False),
                name="session_choice_queue_only_when_waiting",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "queue_position"])]

    def __str__(self) -> str:
        return f"{self.registration} – {self.session}"

    @property
    def is_seated(self) -> bool:
        return self.status == SessionChoiceStatus.SEATED


def _should_delete(formset, form) -> bool:
    # Reads the form's DELETE field, which needs the form cleaned (``errors`` cleans it).
    form.errors  # noqa: B018
    return bool(formset.can_delete and getattr(form, "cleaned_data", {}).get("DELETE"))


class EventPageForm(WagtailAdminPageForm):
    """The event page's admin form: the rounds lie within the event's time, and a session (or
    round) that people chose is not removed with them in it: they are moved first, with a
    logged reason (Aanmeldingen → Sessies)."""

    def clean(self):
        cleaned = super().clean()
        rounds = self.formsets.get("rounds")
        if rounds is None:
            return cleaned
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        removed: list[EventSession] = []
        for round_form in rounds.forms:
            round_removed = _should_delete(rounds, round_form)
            sessions = getattr(round_form, "formsets", {}).get("sessions")
            for session_form in sessions.forms if sessions is not None else ():
                if session_form.instance.pk and (
                    round_removed or _should_delete(sessions, session_form)
                ):
                    removed.append(session_form.instance)
            if round_removed or round_form.errors or not hasattr(round_form, "cleaned_data"):
                continue
            round_starts = round_form.cleaned_data.get("starts_at")
            round_ends = round_form.cleaned_data.get("ends_at")
            if starts and round_starts and round_starts < starts:
                round_form.add_error(
                    "starts_at", _("Een ronde begint niet voor het begin van de bijeenkomst.")
                )
            if ends and round_ends and round_ends > ends:
                round_form.add_error(
                    "ends_at", _("Een ronde eindigt niet na het einde van de bijeenkomst.")
                )
        if removed:
            chosen = (
                SessionChoice.objects.filter(session__in=[session.pk for session in removed])
                .values_list("session__title", flat=True)
                .distinct()
            )
            titles = sorted(set(chosen))
            if titles:
                self.add_error(
                    None,
                    _(
                        "Deze sessies hebben nog deelnemers en kunnen niet weg: %(titles)s. "
                        "Verplaats hen eerst naar een andere sessie (Aanmeldingen → Sessies)."
                    )
                    % {"titles": ", ".join(f"‘{title}’" for title in titles)},
                )
        return cleaned
