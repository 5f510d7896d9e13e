"""The public verification page and the person's own downloads. Thin: read with selectors,
issue with services, answer in Dutch."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.response import TemplateResponse

from . import selectors, services
from .errors import CertificateError
from .models import Certificate
from .pdf import certificate_filename, certificate_pdf


def verify(request, code: str):
    """Public, no login: valid (with what the certificate says), revoked (since when, not
    why), or unknown (404). Codes carry 120 random bits: guessing one is out of reach."""
    certificate = selectors.certificate_by_code(code=code)
    if certificate is None:
        return TemplateResponse(
            request, "certificates/unknown.html", {"code": code[:40]}, status=404
        )
    return TemplateResponse(request, "certificates/verify.html", {"certificate": certificate})


def pdf_response(certificate: Certificate) -> HttpResponse:
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    return response


def refused(request, error: CertificateError):
    return TemplateResponse(
        request, "certificates/refused.html", {"message": error.message}, status=error.status
    )


@login_required
def download_for_registration(request, registration_id: int):
    """The person's own certificate of an attended registration; 404 for anyone else's."""
    try:
        certificate = services.certificate_issue_for_registration(
            registration_id=registration_id, user=request.user
        )
    except CertificateError as error:
        return refused(request, error)
    return pdf_response(certificate)


@login_required
def download_for_programme(request, programme_id: int):
    """The person's own certificate of a programme whose masterclasses they all attended."""
    try:
        certificate = services.certificate_issue_for_programme(
            programme_id=programme_id, user=request.user
        )
    except CertificateError as error:
        return refused(request, error)
    return pdf_response(certificate)
