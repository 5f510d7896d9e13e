"""Frequently asked questions on a page: schema.org FAQPage structured data (JSON-LD)."""

import json

from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

register = template.Library()

# Inside <script> the HTML parser ends the element at "</script" and treats "<!--" specially:
# no "<", ">" or "&" may appear literally, whatever an editor or a colleague wrote.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def faq_page_data(questions) -> dict:
    """The FAQPage object for ``questions`` (answered QuestionPages), answers as HTML."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question.title,
                "acceptedAnswer": {"@type": "Answer", "text": expand_db_html(question.answer)},
            }
            for question in questions
            if question.is_answered
        ],
    }


def json_for_script(data) -> str:
    """``data`` as JSON that is safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


@register.simple_tag
def faq_structured_data(questions) -> str:
    """A <script type="application/ld+json"> with the FAQPage of ``questions``; nothing when
    none is answered."""
    data = faq_page_data(questions)
    if not data["mainEntity"]:
        return ""
    return mark_safe(  # noqa: S308 - json_for_script escapes <, > and &
        '<script type="application/ld+json">' + json_for_script(data) + "</script>"
    )
