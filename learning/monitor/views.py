"""Thin views of the monitor page: read with selectors, write with services, answer in Dutch."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from learning.core.exports import spreadsheet_safe
from learning.core.numbers import number_rounded

from . import charts, selectors, services
from .forms import EditorRemoveForm, QuestionnaireForm, explanation_field_name, score_field_name
from .models import MAX_EDITORS, Level, MonitorTheme, Response
from .services import MonitorError


def _login_needed(request, page, url: str | None = None):
    if request.user.is_authenticated:
        return None
    return redirect_to_login(url or request.get_full_path())


def _refusal(request, page, message, *, status: int):
    return TemplateResponse(
        request,
        "monitor/refusal.html",
        {"page": page, "self": page, "message": message},
        status=status,
    )


def overview(request, page):
    context = {"page": page, "self": page, "rounds": [], "is_coordinator": False}
    user = request.user
    if user.is_authenticated:
        context["is_coordinator"] = services.is_coordinator(user)
        if user.organisation_id:
            responses = selectors.responses_of_organisation(organisation_id=user.organisation_id)
            context["rounds"] = [
                (round, responses.get(round.pk)) for round in selectors.rounds_all()
            ]
    return TemplateResponse(request, "monitor/monitor_page.html", context)


def _sections(form: QuestionnaireForm, theirs: dict | None = None):
    """The questions grouped by level and then by theme, in the questionnaire's order."""
    level_labels = dict(Level.choices)
    theme_labels = dict(MonitorTheme.choices)
    sections: list[dict] = []
    for question in form.questions:
        if not sections or sections[-1]["level"] != question.level:
            sections.append(
                {"level": question.level, "label": level_labels[question.level], "themes": []}
            )
        themes = sections[-1]["themes"]
        if not themes or themes[-1]["theme"] != question.theme:
            themes.append(
                {"theme": question.theme, "label": theme_labels[question.theme], "items": []}
            )
        colleague = None
        if theirs is not None:
            answer = theirs.get(question.pk)
            mine = form.cleaned_data if hasattr(form, "cleaned_data") else {}
            their_score = answer.score if answer else None
            their_explanation = answer.explanation if answer else ""
            if (
                mine.get(score_field_name(question)) != their_score
                or (mine.get(explanation_field_name(question)) or "") != their_explanation
            ):
                colleague = {"score": their_score, "explanation": their_explanation}
        themes[-1]["items"].append(
            {
                "question": question,
                "score": form[score_field_name(question)],
                "explanation": form[explanation_field_name(question)],
                "colleague": colleague,
            }
        )
    # Questions of one level may be interleaved in the admin; merge equal neighbours only.
    return sections


def questionnaire(request, page, round_id: int):
    if (login := _login_needed(request, page)) is not None:
        return login
    user = request.user
    round = selectors.round_get(round_id)
    if round is None:
        raise Http404
    if not user.organisation_id:
        return _refusal(request, page, services.MESSAGES["no_organisation"], status=409)
    response = Response.objects.filter(round=round, organisation_id=user.organisation_id).first()
    if response is not None and response.is_submitted:
        return redirect(page.url + page.reverse_subpage("response", args=[response.pk]))
    questions = selectors.questions_of(round)
    answers = selectors.response_answers(response=response) if response else {}
    editors = selectors.response_editors(response=response) if response else []
    editor_ids = [editor.pk for editor in editors]
    round_open = round.is_open()
    seat_free = selectors.response_editor_seat_for(user_id=user.pk, editor_ids=editor_ids)
    blocker = None
    if not round_open:
        blocker = services.MESSAGES["round_closed"]
    elif not seat_free:
        blocker = services.MESSAGES["editors_full"]
    error = None
    theirs = None
    status = 200
    version = response.version if response else 0

    if request.method == "POST":
        form = QuestionnaireForm(request.POST, questions=questions, answers=answers)
        if blocker:
            error, status = blocker, 409
        elif not form.is_valid():
            error, status = _("Controleer de antwoorden die hieronder zijn gemarkeerd."), 400
        else:
            submit = request.POST.get("action") == "submit"
            existed = response is not None
            try:
                services.response_save_for_organisation(
                    round=round,
                    user=user,
                    response=response,
                    version=form.cleaned_data["version"],
                    answers=form.answer_inputs(),
                    submit=submit,
                )
            except MonitorError as refused:
                error, status = refused.message, refused.status
                if not existed:
                    # Rolled back; a colleague may have created one meanwhile.
                    response = Response.objects.filter(
                        round=round, organisation_id=user.organisation_id
                    ).first()
                if refused.code == "conflict" and response is not None:
                    # Show the person's own input again, next to what the colleague saved;
                    # the next save starts from the version they have now seen.
                    response.refresh_from_db()
                    theirs = selectors.response_answers(response=response)
                    version = response.version
                    editors = selectors.response_editors(response=response)
            else:
                if submit:
                    messages.success(
                        request, _("De monitor is ingediend. Hieronder staan uw resultaten.")
                    )
                    return redirect(page.url + page.reverse_subpage("results"))
                messages.success(request, _("Uw antwoorden zijn opgeslagen."))
                return redirect(page.url + page.reverse_subpage("questionnaire", args=[round.pk]))
        if status != 200 and form.is_bound:
            # The hidden version field shows the version to save against next time.
            data = request.POST.copy()
            data["version"] = str(version)
            form.data = data
    else:
        form = QuestionnaireForm(
            initial={"version": version},
            questions=questions,
            answers=answers,
            disabled=blocker is not None,
        )

    return TemplateResponse(
        request,
        "monitor/questionnaire.html",
        {
            "page": page,
            "self": page,
            "round": round,
            "response": response,
            "form": form,
            "sections": _sections(form, theirs),
            "editors": editors,
            "max_editors": MAX_EDITORS,
            "is_editor": user.pk in editor_ids,
            "blocker": blocker,
            "error": error,
            "conflict": theirs is not None,
            "changes": selectors.response_changes(response=response, limit=10) if response else [],
        },
        status=status,
    )


def editor_remove(request, page, round_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if (login := _login_needed(request, page, page.url)) is not None:
        return login
    round = selectors.round_get(round_id)
    form = EditorRemoveForm(request.POST)
    if round is None or not form.is_valid():
        return _refusal(request, page, _("Dit verzoek is niet geldig."), status=400)
    response = Response.objects.filter(
        round=round, organisation_id=request.user.organisation_id
    ).first()
    if response is None:
        return _refusal(request, page, _("Dit verzoek is niet geldig."), status=400)
    try:
        editor = services.response_editor_remove(
            response=response, user=request.user, editor_id=form.cleaned_data["user"]
        )
    except MonitorError as refused:
        return _refusal(request, page, refused.message, status=refused.status)
    messages.success(
        request,
        _("%(name)s werkt niet meer mee aan deze monitor; de plek is vrij.") % {"name": editor},
    )
    return redirect(page.url + page.reverse_subpage("questionnaire", args=[round.pk]))


def response_detail(request, page, response_id: int):
    """A response's answers and change log: for its own organisation and coordinators only.

    Anyone else gets a 404, so response ids reveal nothing about who took part.
    """
    if (login := _login_needed(request, page)) is not None:
        return login
    response = selectors.response_detail(response_id=response_id)
    user = request.user
    if response is None or (
        response.organisation_id != user.organisation_id and not services.is_coordinator(user)
    ):
        raise Http404
    answers = selectors.response_answers(response=response)
    questions = selectors.questions_of(response.round)
    return TemplateResponse(
        request,
        "monitor/response_detail.html",
        {
            "page": page,
            "self": page,
            "response": response,
            "rows": [(question, answers.get(question.pk)) for question in questions],
            "editors": selectors.response_editors(response=response),
            "changes": selectors.response_changes(response=response),
            "own": response.organisation_id == user.organisation_id,
        },
    )


def _results_request(request, page):
    """(results, None) or (None, a response to return)."""
    if (login := _login_needed(request, page)) is not None:
        return None, login
    user = request.user
    if not user.organisation_id:
        return None, _refusal(request, page, services.MESSAGES["no_organisation"], status=409)
    round_id = None
    if request.GET.get("ronde"):
        try:
            round_id = int(request.GET["ronde"])
        except ValueError:
            return None, _refusal(request, page, _("Kies een ronde uit de lijst."), status=400)
    results = selectors.results_for(organisation=user.organisation, round_id=round_id)
    if round_id is not None and results.round is None:
        return None, _refusal(
            request,
            page,
            _("Voor deze ronde heeft uw organisatie geen ingediende monitor."),
            status=404,
        )
    return results, None


def results(request, page):
    results, refused = _results_request(request, page)
    if refused is not None:
        return refused
    context = {"page": page, "self": page, "results": results}
    if results.round is not None:
        context.update(
            {
                "chart": charts.score_chart(results.rows),
                "trend": charts.trend_chart(results.trend) if len(results.trend) > 1 else None,
                "advice": selectors.advice_for(results=results, user=request.user),
            }
        )
    return TemplateResponse(request, "monitor/results.html", context)


def _csv_number(value) -> str:
    """Two decimals, rounded as every figure on the site (learning.core.numbers)."""
    rounded = number_rounded(value, decimals=2)
    return "" if rounded is None else str(rounded).replace(".", ",")


def results_csv(request, page):
    results, refused = _results_request(request, page)
    if refused is not None:
        return refused
    if results.round is None:
        return _refusal(
            request, page, _("Uw organisatie heeft nog geen monitor ingediend."), status=404
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"monitor-{results.round.year}-resultaten.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 correctly with a byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Ronde"),
            _("Onderdeel"),
            _("Uw score"),
            _("Vergelijkingsgroep"),
            _("Aantal deelnemers"),
            _("Eerste kwartiel"),
            _("Mediaan"),
            _("Derde kwartiel"),
        ]
    )
    for row in results.rows:
        for comparison in row.comparisons:
            figures = comparison.distribution
            cells = [
                str(results.round.title),
                str(row.label),
                _csv_number(row.own),
                str(comparison.label),
                figures.count if figures else _("te weinig deelnemers"),
                _csv_number(figures.q1 if figures else None),
                _csv_number(figures.median if figures else None),
                _csv_number(figures.q3 if figures else None),
            ]
            # Titles and labels come from editors: no cell may run as a formula.
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return response
