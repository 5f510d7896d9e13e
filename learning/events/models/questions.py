"""Registration questions and the answers to them (after pretix's Question / QuestionAnswer)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.models import Orderable

from .pages import EventPage
from .registrations import Registration


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("Korte tekst")
    LONG_TEXT = "long_text", _("Lange tekst")
    ONE_CHOICE = "one_choice", _("Eén keuze")
    MANY_CHOICES = "many_choices", _("Meerdere keuzes")
    YES_NO = "yes_no", _("Ja of nee")


CHOICE_TYPES = (QuestionType.ONE_CHOICE, QuestionType.MANY_CHOICES)
# Answers that are a list of option codes (counted per option in the coordinators' summary).
CODED_TYPES = (*CHOICE_TYPES, QuestionType.YES_NO)
YES, NO = "ja", "nee"
YES_NO_OPTIONS = ((YES, _("Ja")), (NO, _("Nee")))
# Longest answer per text type, in characters.
ANSWER_MAX_LENGTH = {QuestionType.SHORT_TEXT: 200, QuestionType.LONG_TEXT: 2000}
OPTION_MAX_LENGTH = 100


class QuestionCategory(models.TextChoices):
    GENERAL = "general", _("Algemeen")
    SENSITIVE = "sensitive", _("Gevoelig (gezondheid: dieet, toegankelijkheid)")


class RegistrationQuestion(Orderable):
    """A question people answer when they register for ``event``; editors keep them in the
    page's "Aanmelden" tab. Options of choice questions are one per line; an option's code
    (what answers store) is its slug, so an edited label with the same slug keeps its answers."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=300)
    help_text = models.CharField(_("toelichting"), max_length=500, blank=True)
    question_type = models.CharField(
        _("soort vraag"),
        max_length=20,
        choices=QuestionType.choices,
        default=QuestionType.SHORT_TEXT,
    )
    required = models.BooleanField(_("verplicht"), default=False)
    options = models.TextField(
        _("keuzes"),
        blank=True,
        help_text=_("Alleen bij een keuzevraag: één keuze per regel, minstens twee."),
    )
    category = models.CharField(
        _("soort gegevens"),
        max_length=20,
        choices=QuestionCategory.choices,
        default=QuestionCategory.GENERAL,
        help_text=_(
            "Gevoelig: antwoorden die iets over de gezondheid kunnen zeggen. Ze worden gewist "
            "zodra de bijeenkomst voorbij of de aanmelding afgemeld is."
        ),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("question_type"), FieldPanel("required")]),
        FieldPanel("options"),
        FieldPanel("category"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag bij het aanmelden")
        verbose_name_plural = _("vragen bij het aanmelden")

    def __str__(self) -> str:
        return self.text

    @property
    def is_sensitive(self) -> bool:
        return self.category == QuestionCategory.SENSITIVE

    @property
    def max_length(self) -> int | None:
        return ANSWER_MAX_LENGTH.get(self.question_type)

    def option_choices(self) -> list[tuple[str, str]]:
        """(code, label) of every option offered, in the editor's order."""
        if self.question_type == QuestionType.YES_NO:
            return [(code, str(label)) for code, label in YES_NO_OPTIONS]
        if self.question_type not in CHOICE_TYPES:
            return []
        labels = [line.strip() for line in self.options.splitlines() if line.strip()]
        return [(slugify(label) or label, label) for label in labels]

    def option_label(self, code: str) -> str:
        """The label of ``code``; the code itself for an option the editor has since removed."""
        return dict(self.option_choices()).get(code, code)

    def clean(self):
        super().clean()
        choices = self.option_choices() if self.question_type in CHOICE_TYPES else []
        if self.question_type in CHOICE_TYPES:
            codes = [code for code, _label in choices]
            if len(codes) < 2:
                raise ValidationError({"options": _("Geef minstens twee keuzes, één per regel.")})
            if len(set(codes)) < len(codes):
                raise ValidationError({"options": _("Twee keuzes lijken te veel op elkaar.")})
            if any(len(label) > OPTION_MAX_LENGTH for _code, label in choices):
                raise ValidationError(
                    {
                        "options": _("Een keuze is hoogstens %(max)s tekens.")
                        % {"max": OPTION_MAX_LENGTH}
                    }
                )
        elif self.options.strip():
            raise ValidationError({"options": _("Alleen een keuzevraag heeft keuzes.")})


class RegistrationAnswer(models.Model):
    """One person's answer to one question: text, or the codes of the chosen options."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        RegistrationQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("antwoord"), blank=True)
    choices = models.JSONField(_("gekozen"), default=list, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        """The answer as people read it: the text, or the chosen options' labels."""
        if self.text:
            return self.text
        return ", ".join(self.question.option_label(code) for code in self.choices)
