"""The evaluation form on the site: read with predicates, write with the service."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from .errors import EvaluationError
from .forms import EvaluationAnswerForm
from .models import Survey
from .predicates import survey_answered_by, survey_refusal
from .services import evaluation_submit


def _survey(pk) -> Survey:
    return get_object_or_404(Survey.objects.select_related("event", "meeting__circle"), pk=pk)


def _refused(request, survey, error: EvaluationError):
    return TemplateResponse(
        request,
        "evaluations/refused.html",
        {"survey": survey, "message": error.message},
        status=error.status,
    )


@login_required
def evaluation_answer(request, pk):
    survey = _survey(pk)
    if (refusal := survey_refusal(survey=survey, user=request.user)) is not None:
        return _refused(request, survey, refusal)
    if survey_answered_by(survey=survey, user=request.user) and request.method != "POST":
        return redirect("evaluations:thanks", pk=survey.pk)
    form = EvaluationAnswerForm(
        request.POST if request.method == "POST" else None, questions=survey.questions
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                evaluation_submit(
                    survey=survey,
                    user=request.user,
                    data=form.answers(),
                    named=form.cleaned_data["named"],
                )
            except EvaluationError as error:
                if error.code == "already_answered":
                    return _refused(request, survey, error)
                form.add_error(None, error.message)
                status = error.status
            else:
                return redirect("evaluations:thanks", pk=survey.pk)
        else:
            status = 400
    return TemplateResponse(
        request, "evaluations/answer.html", {"survey": survey, "form": form}, status=status
    )


@login_required
def evaluation_thanks(request, pk):
    survey = _survey(pk)
    if not survey_answered_by(survey=survey, user=request.user):
        return redirect("evaluations:answer", pk=survey.pk)
    return TemplateResponse(request, "evaluations/thanks.html", {"survey": survey})
