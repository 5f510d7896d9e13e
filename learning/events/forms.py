from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from learning.core.filtering import FilterForm, theme_choices

from .agenda_filters import agenda_filters
from .models import QuestionType, RegistrationQuestion
from .services import (
    AnswersRefused,
    AnswerValue,
    RegistrationError,
    SessionsRefused,
    answer_clean,
    session_clean,
)

# The agenda's month filter: wide enough for any real agenda, narrow enough for the database.
MIN_YEAR, MAX_YEAR = 2000, 2100


class AgendaFilterForm(FilterForm):
    """The agenda's filters (page and feed), plus those other apps register (agenda_filters)."""

    KIND_CHOICES = [
        ("", _("Alles")),
        ("masterclass", _("Masterclasses")),
        ("bijeenkomst", _("Bijeenkomsten")),
    ]
    soort = forms.ChoiceField(label=_("Soort"), choices=KIND_CHOICES, required=False)
    thema = forms.ChoiceField(label=_("Thema"), required=False)
    maand = forms.CharField(
        label=_("Maand"),
        required=False,
        help_text=_("Bijvoorbeeld 2026-12"),
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = theme_choices()
        self.registered = [agenda_filter.parameter for agenda_filter in agenda_filters()]
        fields = list(self.fields.items())
        for agenda_filter in agenda_filters():
            names = [name for name, _field in fields]
            position = names.index(agenda_filter.after) + 1 if agenda_filter.after else len(names)
            fields.insert(position, (agenda_filter.parameter, agenda_filter.field()))
        self.fields = dict(fields)

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["soort"],
            "theme": data["thema"],
            "month": data["maand"],
            # Only the chosen ones, so that an unused registered filter changes nothing.
            "extra": {name: data[name] for name in self.registered if data[name]},
        }

    def clean_maand(self) -> date | None:
        value = self.cleaned_data["maand"].strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(year)
            return date(year, month, 1)
        except (ValueError, OverflowError) as error:
            raise forms.ValidationError(
                _("Vul een maand in als jaar-maand, bijvoorbeeld 2026-12."), code="invalid"
            ) from error


class HandoverForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van uw collega"),
        error_messages={
            "required": _("Vul het e-mailadres van uw collega in."),
            "invalid": _("Vul een e-mailadres in zoals naam@gemeente.nl."),
        },
    )


class EventMessageForm(forms.Form):
    """A message to an event's participants. ``token`` is made when the form is first shown
    and goes along with every step: the send happens once per token (a double submit, or
    the browser's "resend", queues nothing a second time)."""

    subject = forms.CharField(label=_("Onderwerp"), max_length=150)
    body = forms.CharField(label=_("Bericht"), widget=forms.Textarea, max_length=5000)
    token = forms.RegexField(
        regex=r"^[0-9a-f]{32}$",
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Dit formulier is verlopen. Open het opnieuw."),
            "invalid": _("Dit formulier is verlopen. Open het opnieuw."),
        },
    )


class CoordinatorReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        error_messages={"required": _("Geef een reden op; die komt in het logboek.")},
    )
    position = forms.IntegerField(
        label=_("Nieuwe plek op de wachtlijst"), min_value=1, required=False
    )


class AnswerField(forms.Field):
    """One registration question as a form field. Whether an answer is acceptable is the
    answers service's rule (``services.answer_clean``): the form shows its Dutch message on
    the field, and the service, which checks again under the lock, never disagrees."""

    def __init__(self, *, question: RegistrationQuestion, **kwargs):
        self.question = question
        kind = question.question_type
        if kind == QuestionType.SHORT_TEXT:
            widget = forms.TextInput(attrs={"autocomplete": "off"})
        elif kind == QuestionType.LONG_TEXT:
            widget = forms.Textarea(attrs={"rows": 4})
        elif kind == QuestionType.MANY_CHOICES:
            widget = forms.CheckboxSelectMultiple(choices=question.option_choices())
        else:
            widget = forms.RadioSelect(choices=question.option_choices())
        label = (
            question.text
            if question.required
            else _("%(question)s (optioneel)") % {"question": question.text}
        )
        help_parts = [question.help_text] if question.help_text else []
        if question.max_length:
            help_parts.append(_("Maximaal %(max)s tekens.") % {"max": question.max_length})
        super().__init__(
            required=question.required,
            label=label,
            # Escaped here: includes/form_field_help.html renders help texts as HTML, and this
            # one is an editor's plain text.
            help_text=escape(" ".join(str(part) for part in help_parts)),
            widget=widget,
            **kwargs,
        )

    def clean(self, value) -> AnswerValue:
        try:
            return answer_clean(question=self.question, raw=value)
        except RegistrationError as error:
            raise ValidationError(error.message, code=error.code) from error


def answer_field_name(question_id: int) -> str:
    return f"question_{question_id}"


def session_field_name(round_id: int) -> str:
    return f"round_{round_id}"


class SessionField(forms.Field):
    """One round of the programme as a choice of its sessions (or none). Whether a choice is
    acceptable is the sessions service's rule (``services.session_clean``).

    ``cells``: the round's sessions with their seats (``timetable.TimetableRound.cells``), for
    the labels: a full session says that choosing it means its waiting list."""

    def __init__(self, *, timetable_round, **kwargs):
        self.event_round = timetable_round.event_round
        choices = [("", _("Geen sessie in deze ronde"))]
        for cell in timetable_round.cells:
            session = cell.session
            parts = [session.title]
            if session.room:
                parts.append(session.room)
            if cell.is_full:
                parts.append(_("vol: u komt op de wachtlijst van deze sessie"))
            else:
                parts.append(_("nog %(seats)s plaatsen") % {"seats": cell.seats_left})
            choices.append((str(session.pk), " – ".join(str(part) for part in parts)))
        starts = self.event_round.local_starts_at
        ends = self.event_round.local_ends_at
        super().__init__(
            required=False,
            label=_("%(round)s, %(start)s–%(end)s")
            % {
                "round": self.event_round.title,
                "start": f"{starts:%H:%M}",
                "end": f"{ends:%H:%M}",
            },
            widget=forms.RadioSelect(choices=choices),
            **kwargs,
        )

    def clean(self, value):
        try:
            return session_clean(event_round=self.event_round, raw=value)
        except RegistrationError as error:
            raise ValidationError(error.message, code=error.code) from error


class RegistrationAnswersForm(forms.Form):
    """The event's questions and its programme's rounds, when registering; the questions or
    the rounds alone when changing answers or sessions afterwards.

    ``answers``: the person's current answers (RegistrationAnswer rows), as initial values;
    ``timetable``: the programme (``timetable.event_timetable``), ``choices`` the person's
    current session per round (round id → SessionChoice).
    """

    def __init__(self, *args, questions, answers=(), timetable=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.timetable_rounds = [r for r in (timetable.rounds if timetable else ()) if r.cells]
        current_sessions = choices or {}
        for timetable_round in self.timetable_rounds:
            round_id = timetable_round.event_round.pk
            choice = current_sessions.get(round_id)
            self.fields[session_field_name(round_id)] = SessionField(
                timetable_round=timetable_round,
                initial=str(choice.session_id) if choice is not None else "",
            )
        self.questions = list(questions)
        current = {answer.question_id: answer for answer in answers}
        for question in self.questions:
            answer = current.get(question.pk)
            initial = None
            if answer is not None:
                if question.question_type == QuestionType.MANY_CHOICES:
                    initial = list(answer.choices)
                elif answer.choices:
                    initial = answer.choices[0]
                else:
                    initial = answer.text
            self.fields[answer_field_name(question.pk)] = AnswerField(
                question=question, initial=initial
            )

    @property
    def has_sensitive_questions(self) -> bool:
        return any(question.is_sensitive for question in self.questions)

    def answers(self) -> dict:
        """The cleaned answers as the services take them: question id → text or codes."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data[answer_field_name(question.pk)]
            answers[question.pk] = value.text or list(value.choices)
        return answers

    @property
    def session_fields(self):
        return [self[session_field_name(r.event_round.pk)] for r in self.timetable_rounds]

    @property
    def answer_fields(self):
        return [self[answer_field_name(question.pk)] for question in self.questions]

    def sessions(self) -> dict:
        """The chosen session per round as the services take them: round id → session id."""
        chosen = {}
        for timetable_round in self.timetable_rounds:
            round_id = timetable_round.event_round.pk
            session = self.cleaned_data[session_field_name(round_id)]
            chosen[round_id] = session.pk if session is not None else None
        return chosen

    def add_refusal(self, refusal: AnswersRefused | SessionsRefused) -> None:
        """Show a refusal of the service (the questions or the programme changed meanwhile)
        on the fields."""
        for key, message in refusal.errors.items():
            name = (
                session_field_name(key)
                if isinstance(refusal, SessionsRefused)
                else answer_field_name(key)
            )
            self.add_error(name if name in self.fields else None, message)
