"""The questions a survey asks: the built-in defaults, or those of an ``EvaluationForm``.

A survey stores its questions as plain data (a "snapshot") when it opens; the key of a question
is what its answers are stored under, and what a programme's results add up across surveys
(the default questions have the same keys everywhere).
"""

from django.utils.translation import gettext as _

from .models import EvaluationForm, QuestionKind

RATINGS = (1, 2, 3, 4, 5)


def default_questions() -> list[dict]:
    """The three questions used when no form is chosen and no default form exists."""
    return [
        {
            "key": "overall",
            "kind": QuestionKind.RATING.value,
            "label": _("Hoe waardeert u deze bijeenkomst in het algemeen?"),
            "help_text": _("1 is slecht, 5 is uitstekend."),
            "required": True,
            "choices": [],
        },
        {
            "key": "takeaway",
            "kind": QuestionKind.TEXT.value,
            "label": _("Wat neemt u mee?"),
            "help_text": "",
            "required": False,
            "choices": [],
        },
        {
            "key": "improve",
            "kind": QuestionKind.TEXT.value,
            "label": _("Wat kan beter?"),
            "help_text": "",
            "required": False,
            "choices": [],
        },
    ]


def form_questions(form: EvaluationForm) -> list[dict]:
    return [
        {
            "key": f"q{question.pk}",
            "kind": question.kind,
            "label": question.label,
            "help_text": question.help_text,
            "required": question.required,
            "choices": [line.strip() for line in question.choices.splitlines() if line.strip()]
            if question.kind == QuestionKind.CHOICE
            else [],
        }
        for question in form.questions.all()
    ]


def questions_for(form: EvaluationForm | None) -> list[dict]:
    """The snapshot for a survey with ``form``; without one, the default form's questions, and
    without a default form the built-in three."""
    if form is None:
        form = EvaluationForm.objects.filter(is_default=True).first()
    if form is not None and (questions := form_questions(form)):
        return questions
    return default_questions()
