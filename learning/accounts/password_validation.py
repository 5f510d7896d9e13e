"""Password rules of our own (AUTH_PASSWORD_VALIDATORS), beside Django's."""

import re
import unicodedata
from difflib import SequenceMatcher

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What anyone guessing a password here tries first: the site's own name and its parts.
SITE_WORDS = ("circulairleren", "circulaire", "circulair", "circular", "leren", "wachtwoord")


def letters_only(text: str) -> str:
    """Lower-case letters without accents: "Circulair-Leren 2026!" → "circulairleren"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"[^a-z]", "", decomposed)


class SiteWordsValidator:
    """Refuses a password that is the site's name, the person's organisation or both, give or
    take digits and punctuation ("Circulair2026!", "circulairleren2026", "Apeldoorn2026!" for
    someone at the municipality of Apeldoorn), or a near spelling of one of those words.

    What is left of the letters after taking those words out must be at least ``min_rest``
    letters; Django's validators see "Circulair2026!" as a fine password of 14 characters.
    """

    def __init__(self, min_rest: int = 4, max_similarity: float = 0.8):
        self.min_rest = min_rest
        self.max_similarity = max_similarity

    def words_for(self, user) -> list[str]:
        words = set(SITE_WORDS)
        words.update(letters_only(part) for part in settings.WAGTAIL_SITE_NAME.split())
        words.add(letters_only(settings.WAGTAIL_SITE_NAME))
        organisation = getattr(user, "organisation", None) if user is not None else None
        if organisation is not None:
            for name in (organisation.name, organisation.display_name):
                words.update(letters_only(part) for part in re.split(r"[\s\-']+", name))
                words.add(letters_only(name))
        return sorted((word for word in words if len(word) >= 3), key=len, reverse=True)

    def validate(self, password, user=None):
        letters = letters_only(password)
        words = self.words_for(user)
        rest = letters
        for word in words:
            rest = rest.replace(word, "")
        too_similar = any(
            SequenceMatcher(a=letters, b=word).ratio() >= self.max_similarity for word in words
        )
        if (rest != letters and len(rest) < self.min_rest) or too_similar:
            raise ValidationError(
                _(
                    "Dit wachtwoord lijkt te veel op de naam van deze site of van uw "
                    "organisatie. Kies een wachtwoord dat een ander niet kan raden."
                ),
                code="password_site_words",
            )

    def get_help_text(self):
        return _("Uw wachtwoord mag niet lijken op de naam van deze site of van uw organisatie.")
