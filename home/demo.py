"""Demo content for the site shell: the home page, an about page and the two statements."""

import json

from wagtail.models import Page, Site

from learning.core.models import SiteSettings

from .models import ContentPage, HomePage


def _heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def _paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


ABOUT = {
    "slug": "over-circulair-leren",
    "title": "Over Circulair Leren",
    "show_in_menus": True,
    "seo_title": "",
    "search_description": "Waarom Circulair Leren bestaat en hoe ambtenaren er samen leren.",
    "intro": (
        "Circulair Leren brengt ambtenaren van gemeenten, provincies, waterschappen en het Rijk "
        "samen die hun organisatie circulair willen laten werken."
    ),
    "body": [
        _heading("Waarom dit platform"),
        _paragraph(
            "<p>Nederland wil in 2050 een volledig circulaire economie hebben. In 2030 moet het "
            "gebruik van primaire grondstoffen al gehalveerd zijn. Overheden hebben daarin een "
            "dubbele rol: ze maken beleid, en ze kopen zelf voor miljarden euro's per jaar in. "
            "Wie circulair inkoopt, zet de markt in beweging.</p>"
        ),
        _paragraph(
            "<p>Toch staat de inkoper van een middelgrote gemeente er vaak alleen voor. Hoe "
            "schrijf je een uitvraag voor hergebruikt meubilair? Welke eisen stel je aan een "
            "betonleverancier? Hoe krijg je het college mee? Op Circulair Leren vindt u collega's "
            "die het al gedaan hebben.</p>"
        ),
        _heading("Hoe we leren"),
        _paragraph(
            "<ul><li><b>Masterclasses</b> voor bestuurders, beleidsmakers en inkopers, elk met "
            "een eigen programma.</li><li><b>Leerkringen</b> waarin een vaste groep ambtenaren "
            "een jaar lang aan eigen projecten werkt.</li><li><b>Bijeenkomsten</b> waar "
            "honderden professionals elkaar ontmoeten.</li><li><b>Pioniers</b> die vertellen hoe "
            "zij circulair werken voor elkaar kregen.</li></ul>"
        ),
        _paragraph(
            "<p>Iedere ambtenaar van een Nederlandse overheid kan een account aanmaken. Daarmee "
            "meldt u zich aan voor activiteiten en leest u wat deelnemers met elkaar delen.</p>"
        ),
    ],
}

PRIVACY = {
    "slug": "privacyverklaring",
    "title": "Privacyverklaring",
    "show_in_menus": False,
    "seo_title": "",
    "search_description": "Welke persoonsgegevens Circulair Leren verwerkt en waarom.",
    "intro": "Wij verwerken zo min mogelijk persoonsgegevens, en alleen om u te laten leren.",
    "body": [
        _heading("Welke gegevens wij bewaren"),
        _paragraph(
            "<p>Als u een account aanmaakt, bewaren wij uw naam, e-mailadres, de organisatie "
            "waar u werkt en uw rol (bestuur, beleid, uitvoering of anders). Als u zich aanmeldt "
            "voor een activiteit, bewaren wij die aanmelding.</p>"
        ),
        _heading("Waarvoor wij ze gebruiken"),
        _paragraph(
            "<p>Wij gebruiken uw gegevens om uw aanmeldingen te verwerken, u te berichten over "
            "activiteiten waarvoor u zich hebt aangemeld en om te bewaken dat per organisatie "
            "niet meer mensen deelnemen dan is afgesproken. Wij delen uw gegevens niet met "
            "derden en gebruiken geen trackingcookies.</p>"
        ),
        _heading("Hoe lang wij ze bewaren"),
        _paragraph(
            "<p>Uw account bewaren wij tot u het verwijdert. Aanmeldingen voor een "
            "bijeenkomst of masterclass koppelen wij twaalf maanden na afloop los van uw "
            "naam en e-mailadres; daarna bewaren wij alleen nog de organisatie, de rol en of "
            "er iemand aanwezig was, voor de aantallen per organisatie. Verstuurde e-mails "
            "bewaren wij twaalf maanden, zodat wij vragen over een bericht kunnen "
            "beantwoorden.</p>"
        ),
        _heading("Uw rechten"),
        _paragraph(
            "<p>Op uw profielpagina kunt u al uw gegevens inzien, downloaden als bestand en uw "
            "account verwijderen. Na verwijdering blijven aanmeldingen alleen anoniem bewaard, "
            "zodat organisatoren hun aantallen kunnen verantwoorden.</p>"
        ),
    ],
}

ACCESSIBILITY = {
    "slug": "toegankelijkheidsverklaring",
    "title": "Toegankelijkheidsverklaring",
    "show_in_menus": False,
    "seo_title": "",
    "search_description": "Hoe toegankelijk Circulair Leren is en hoe u een probleem meldt.",
    "intro": (
        "Circulair Leren wil voor iedereen bruikbaar zijn en voldoet aan de WCAG 2.1 op niveau AA."
    ),
    "body": [
        _heading("Wat wij doen"),
        _paragraph(
            "<p>Elke pagina is met het toetsenbord te bedienen, heeft voldoende kleurcontrast en "
            "werkt op een scherm van 320 pixels breed. Bij iedere wijziging controleren wij de "
            "belangrijkste pagina's automatisch met axe-core.</p>"
        ),
        _heading("Een probleem melden"),
        _paragraph(
            "<p>Loopt u ergens tegenaan? Mail ons via het adres onderaan de pagina. Wij "
            "reageren binnen vijf werkdagen.</p>"
        ),
    ],
}

HOME = {
    "title": "Circulair Leren",
    "intro": (
        "Het leerplatform voor ambtenaren van gemeenten, provincies en waterschappen die samen "
        "werken aan een circulaire economie."
    ),
    "body": (
        "<p>Leer van collega's die circulair inkopen al in de praktijk brengen, volg een "
        "masterclass voor uw rol en deel wat werkt.</p>"
    ),
    "featured_heading": "Uitgelicht",
}


def _upsert_content_page(parent: Page, spec: dict) -> ContentPage:
    page = ContentPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
    fields = {key: value for key, value in spec.items() if key != "body"}
    body = json.dumps(spec["body"])
    if page is None:
        page = ContentPage(**fields, body=body)
        parent.add_child(instance=page)
    else:
        for key, value in fields.items():
            setattr(page, key, value)
        page.body = body
    page.save_revision().publish()
    return page


def load() -> None:
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run migrate first.")

    about = _upsert_content_page(home, ABOUT)
    privacy = _upsert_content_page(home, PRIVACY)
    accessibility = _upsert_content_page(home, ACCESSIBILITY)

    for key, value in HOME.items():
        setattr(home, key, value)
    home.featured = json.dumps(
        [
            {
                "type": "featured_page",
                "value": {
                    "page": about.pk,
                    "title": "Samen circulair leren",
                    "text": "Waarom dit platform bestaat en hoe ambtenaren er van elkaar leren.",
                },
            }
        ]
    )
    home.save_revision().publish()

    settings = SiteSettings.for_site(site)
    settings.privacy_page = privacy
    settings.accessibility_page = accessibility
    settings.contact_email = "redactie@circulairleren.example"
    settings.footer_text = (
        "Circulair Leren is het leerplatform voor ambtenaren die werken aan een circulaire "
        "economie."
    )
    settings.save()
