"""Forms of the monitor: the questionnaire (built from the round's questions) and the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import MATURITY_LABELS, Answer, Question

SCORE_CHOICES = [(str(score), label) for score, label in MATURITY_LABELS.items()]


def score_field_name(question: Question) -> str:
    return f"score_{question.pk}"


def explanation_field_name(question: Question) -> str:
    return f"toelichting_{question.pk}"


class QuestionnaireForm(forms.Form):
    """One maturity score (0–4, may stay empty in a draft) and an explanation per question."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, questions: list[Question], answers=None, disabled=False, **kwargs):
        answers = answers or {}
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            answer = answers.get(question.pk)
            score = self.fields[score_field_name(question)] = forms.TypedChoiceField(
                label=question.text,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                help_text=question.help_text,
                initial=str(answer.score) if answer and answer.score is not None else None,
                disabled=disabled,
                error_messages={"invalid_choice": _("Kies een score van 0 tot en met 4.")},
            )
            score.question = question
            self.fields[explanation_field_name(question)] = forms.CharField(
                label=_("Toelichting (niet verplicht)"),
                required=False,
                max_length=Answer._meta.get_field("explanation").max_length,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.explanation if answer else "",
                disabled=disabled,
            )

    def answer_inputs(self):
        from .services import AnswerInput

        return {
            question.pk: AnswerInput(
                score=self.cleaned_data.get(score_field_name(question)),
                explanation=self.cleaned_data.get(explanation_field_name(question)) or "",
            )
            for question in self.questions
        }


class EditorRemoveForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class QuestionnaireAdminForm(WagtailAdminModelForm):
    """Refuses to delete questions that organisations already answered (their history)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("questions")
        if formset is None:
            return cleaned
        deleted = [form.instance.pk for form in formset.deleted_forms if form.instance.pk]
        if deleted and Answer.objects.filter(question_id__in=deleted).exists():
            self.add_error(
                None,
                _(
                    "Een vraag die al is beantwoord, kan niet worden verwijderd: de antwoorden "
                    "horen bij de resultaten van eerdere rondes. Maak voor een nieuwe ronde een "
                    "nieuwe vragenlijst."
                ),
            )
        return cleaned
