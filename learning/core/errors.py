"""The one domain error every app's refusals extend (STYLE.md, "Between apps").

A service refuses an action by raising its app's error (``RegistrationError``,
``CircleError`` …) with a short ``code`` for programs and a Dutch ``message`` for people;
views show the message and answer with the error's ``status``. ``form_refused`` is that
answer for a class-based form view.
"""


class DomainError(Exception):
    """A refused action: a code for programs, a Dutch message for people, and the HTTP status
    a view answers with (409 unless the app's error says otherwise: the action conflicts with
    the current state)."""

    status = 409

    def __init__(self, code: str, message, *, status: int | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        if status is not None:
            self.status = status


def form_refused(view, form, error: DomainError):
    """The answer of a class-based form view to a refused action: the form again, with the
    error's message above its fields and the error's status."""
    form.add_error(None, error.message)
    return view.render_to_response(view.get_context_data(form=form), status=error.status)
