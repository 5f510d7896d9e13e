"""The certificate as a PDF: WeasyPrint, tagged PDF/UA-1 with the page's language, a title
shown as the window title, and its fonts embedded.

The font is DejaVu Sans from the system (Debian's fonts-dejavu-core, which fontconfig pulls
in); WeasyPrint embeds the subset it uses, so the reader needs no fonts of its own.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Certificate


def verification_url(certificate: Certificate) -> str:
    """The public address that checks the certificate, printed on it (SITE_URL: there is no
    request when a coordinator's download is made from the admin either)."""
    return settings.SITE_URL.rstrip("/") + reverse(
        "certificates:verify", kwargs={"code": certificate.code_display}
    )


def certificate_html(certificate: Certificate) -> str:
    return render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "verification_url": verification_url(certificate),
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        },
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF bytes: PDF/UA-1 (tagged, with language and title), fonts embedded."""
    from weasyprint import HTML

    return HTML(string=certificate_html(certificate)).write_pdf(pdf_variant="pdf/ua-1")


def certificate_filename(certificate: Certificate) -> str:
    return f"deelnamebewijs-{certificate.code[:8].lower()}.pdf"
