"""Evaluations after an event (masterclasses included) or a learning-circle meeting.

Modelled on Indico's surveys (a survey per occasion, its questions, submissions), with the
anonymity split in two tables:

- ``Submission`` says *who* answered a survey (to answer once, and for the person's history);
- ``Response`` holds *what* was answered, without a person, a time or a sequential id (its key
  is a random UUID), so nothing in the results or the export links answers to a submission.
  Only when the person ticks "mijn naam mag bij mijn antwoorden staan" does the response name
  them (``named_user``).

Questions are edited as a snippet (``EvaluationForm``); a survey copies the questions of its
form (or the built-in default questions) when it opens, so later edits never change what an
answered survey asked.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from learning.circles.models import CircleMeeting
from learning.events.models import EventPage

TEXT_MAX_LENGTH = 2000


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Cijfer van 1 tot 5")
    TEXT = "text", _("Open vraag")
    CHOICE = "choice", _("Eén keuze uit een lijst")


class EvaluationForm(ClusterableModel):
    """A set of questions ("Evaluatieformulier") that editors keep and surveys use."""

    title = models.CharField(_("naam"), max_length=150)
    is_default = models.BooleanField(
        _("standaardformulier"),
        default=False,
        help_text=_(
            "Voor elke bijeenkomst zonder eigen formulier. Er is hoogstens één standaard; "
            "zonder standaard gelden de drie vaste vragen."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("is_default"),
        InlinePanel("questions", heading=_("Vragen"), label=_("Vraag"), min_num=1),
    ]

    class Meta:
        verbose_name = _("evaluatieformulier")
        verbose_name_plural = _("evaluatieformulieren")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="evaluation_form_one_default",
                violation_error_message=_("Er is al een standaardformulier."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class EvaluationQuestion(Orderable):
    form = ParentalKey(EvaluationForm, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("soort"), max_length=10, choices=QuestionKind.choices)
    label = models.CharField(_("vraag"), max_length=255)
    help_text = models.CharField(_("toelichting"), max_length=255, blank=True)
    required = models.BooleanField(_("verplicht"), default=False)
    choices = models.TextField(
        _("keuzes"), blank=True, help_text=_("Alleen bij een keuzevraag: één keuze per regel.")
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.label

    def clean(self):
        super().clean()
        choices = [line for line in self.choices.splitlines() if line.strip()]
        if self.kind == QuestionKind.CHOICE and len(choices) < 2:
            raise ValidationError({"choices": _("Geef minstens twee keuzes, één per regel.")})


class Survey(models.Model):
    """The evaluation of one occasion: an event (or masterclass) or a circle meeting."""

    event = models.OneToOneField(
        EventPage,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation",
    )
    meeting = models.OneToOneField(
        CircleMeeting,
        verbose_name=_("bijeenkomst van een leerkring"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation",
    )
    form = models.ForeignKey(
        EvaluationForm,
        verbose_name=_("formulier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    # The questions as asked: [{"key", "kind", "label", "help_text", "required", "choices"}].
    questions = models.JSONField(_("vragen"), default=list, editable=False)
    # Empty until the occasion has ended and the invitations go out (services.survey_open);
    # a coordinator may set up the survey with a form of choice before that.
    opened_at = models.DateTimeField(_("geopend op"), null=True, blank=True, editable=False)
    closes_at = models.DateTimeField(_("sluit op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, meeting__isnull=True)
                | Q(event__isnull=True, meeting__isnull=False),
                name="evaluation_survey_one_occasion",
            )
        ]

    def __str__(self) -> str:
        return str(self.event.title if self.event_id else self.meeting)

    @property
    def occasion_title(self) -> str:
        return self.event.title if self.event_id else self.meeting.title

    @property
    def occasion_starts_at(self):
        return self.event.starts_at if self.event_id else self.meeting.starts_at


class Invitation(models.Model):
    """That a person was invited (and perhaps reminded) to fill in a survey: once each."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_invitations"
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"))
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging voor een evaluatie")
        verbose_name_plural = _("uitnodigingen voor evaluaties")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="evaluation_invited_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.survey}"


class Submission(models.Model):
    """That a person answered a survey; their answers are in a ``Response`` that does not
    point back here. Only the day is kept: a time could be matched with other traces."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="submissions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="evaluation_submissions"
    )
    submitted_on = models.DateField(_("ingevuld op"))

    class Meta:
        verbose_name = _("ingevulde evaluatie")
        verbose_name_plural = _("ingevulde evaluaties")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="evaluation_answered_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.survey}"


class Response(models.Model):
    """The answers of one person to one survey, by question key. No time, no person (unless
    ``named_user``: the person agreed to be named) and a random key, so that the order of the
    rows says nothing about the order of the submissions."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(_("antwoorden"), default=dict)
    named_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("met naam van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_responses",
    )

    class Meta:
        verbose_name = _("antwoorden")
        verbose_name_plural = _("antwoorden")

    def __str__(self) -> str:
        # Never the person: a response is shown by its survey only.
        return str(self.survey)
