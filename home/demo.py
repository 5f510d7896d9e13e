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
        _heading("Vragen bij het aanmelden"),
        _paragraph(
            "<p>Bij sommige bijeenkomsten vragen wij bij het aanmelden naar bijvoorbeeld uw "
            "dieetwensen, wat u nodig heeft om mee te kunnen doen (toegankelijkheid) en wat u "
            "wilt leren. Antwoorden over dieet en toegankelijkheid kunnen iets zeggen over uw "
            "gezondheid. Die gebruiken wij alleen om de bijeenkomst te organiseren, alleen de "
            "organisatoren van die bijeenkomst zien ze, en wij wissen ze in de nacht na afloop "
            "van de bijeenkomst, of eerder als u zich afmeldt. Uw andere antwoorden wissen wij "
            "als wij de aanmelding losmaken van uw naam. Verwijdert u uw account, dan wissen "
            "wij al uw antwoorden direct; ze blijven ook niet anoniem bewaard. Uw antwoorden "
            "staan in het bestand met uw gegevens dat u op uw profielpagina kunt downloaden, "
            "en tot de afmeldtermijn kunt u ze wijzigen onder Mijn aanmeldingen.</p>"
        ),
        _heading("Uw rechten"),
        _paragraph(
            "<p>Op uw profielpagina kunt u al uw gegevens inzien, downloaden als bestand en uw "
            "account verwijderen. Na verwijdering blijven aanmeldingen alleen anoniem bewaard, "
            "zodat organisatoren hun aantallen kunnen verantwoorden.</p>"
        ),
    ],
}

# After the model of digitoegankelijk.nl: scope, date, status, how it was checked, known
# problems with their planned fix, and the route for feedback and complaints.
ACCESSIBILITY = {
    "slug": "toegankelijkheidsverklaring",
    "title": "Toegankelijkheidsverklaring",
    "show_in_menus": False,
    "seo_title": "",
    "search_description": "Hoe toegankelijk Circulair Leren is en hoe u een probleem meldt.",
    "intro": (
        "Circulair Leren wil dat iedereen het platform kan gebruiken, ook mensen met een "
        "beperking. Hier leest u hoe ver wij daarmee zijn, wat nog niet goed werkt en hoe u "
        "een probleem meldt."
    ),
    "body": [
        _heading("Voor welke website geldt deze verklaring"),
        _paragraph(
            "<p>Deze verklaring geldt voor circulairleren.nl: alle openbare pagina's, de "
            "pagina's na inloggen (account, aanmeldingen, leerkringen en de monitor circulair "
            "inkopen) en de documenten die de redactie zelf publiceert. De beheeromgeving voor "
            "redacteuren en coördinatoren valt er ook onder; zie de bekende problemen.</p>"
        ),
        _heading("Status: voldoet gedeeltelijk"),
        _paragraph(
            "<p>Circulair Leren voldoet gedeeltelijk aan de eisen van de Web Content "
            "Accessibility Guidelines (WCAG) 2.1 op niveau A en AA, de norm EN 301 549 die het "
            "Besluit digitale toegankelijkheid overheid voorschrijft. Een aantal onderdelen "
            "voldoet nog niet; die staan hieronder, met wat wij eraan doen en wanneer.</p>"
        ),
        _heading("Hoe wij dit hebben gecontroleerd"),
        _paragraph(
            "<ul><li><b>Automatisch, bij elke wijziging:</b> de browsertests openen de "
            "belangrijkste pagina's en formulieren (registreren, inloggen, agenda, aanmelden "
            "voor een bijeenkomst, leerkringen, kennisbank, pioniers en de monitor) in een "
            "echte browser en controleren ze met axe-core op de regels van WCAG 2.1 A en AA. "
            "Vindt axe-core een fout, dan falen de tests.</li><li><b>Handmatig, door het eigen "
            "team:</b> bediening met alleen het toetsenbord, zichtbare focus, vergroten tot "
            "400% (een scherm van 320 pixels breed), kleurcontrast, koppen en labels van "
            "formulieren.</li></ul>"
        ),
        _paragraph(
            "<p>Dit is eigen onderzoek. Een volledig onderzoek door een onafhankelijke "
            "deskundige volgens de methode WCAG-EM is nog niet gedaan; dat staat gepland voor "
            "het eerste kwartaal van 2027. Daarna passen wij deze verklaring aan.</p>"
        ),
        _heading("Bekende problemen en wat wij eraan doen"),
        _paragraph(
            "<ul><li><b>Documenten van deelnemers en redactie.</b> PDF- en Office-documenten "
            "die in leerkringen en de kennisbank worden gedeeld, zijn niet allemaal "
            "toegankelijk gemaakt (bijvoorbeeld zonder koppen of tekstalternatieven). Vanaf "
            "1 maart 2027 controleert de redactie elk nieuw document voor publicatie; oudere "
            "documenten zetten wij uiterlijk 1 september 2027 om of vervangen wij door een "
            "webpagina. Tot die tijd sturen wij op verzoek een toegankelijke versie.</li>"
            "<li><b>Afbeeldingen zonder goede beschrijving.</b> De tekstalternatieven van "
            "afbeeldingen schrijven redacteuren zelf. Niet elke afbeelding heeft al een "
            "beschrijving die zegt wat erop te zien is. Wij lopen alle afbeeldingen na vóór "
            "1 maart 2027.</li><li><b>De beheeromgeving.</b> Redacteuren en coördinatoren "
            "werken in het beheer van Wagtail. Wagtail streeft zelf naar WCAG 2.1 AA, maar "
            "wij hebben de schermen die wij eraan toevoegden (aanmeldingen, leerkringleden, "
            "monitor) nog niet met hulpmiddelen zoals een schermlezer getest. Dat doen wij "
            "uiterlijk 1 juni 2027.</li></ul>"
        ),
        _heading("Een probleem melden"),
        _paragraph(
            "<p>Kunt u iets niet lezen, invullen of bereiken? Laat het ons weten via "
            "redactie@circulairleren.example (ook onderaan elke pagina). Vertel op welke "
            "pagina het was en wat er misging. Wij bevestigen uw melding binnen vijf "
            "werkdagen en laten u binnen vier weken weten wat wij ermee doen. Hebt u de "
            "informatie eerder nodig, dan helpen wij u op een andere manier, bijvoorbeeld "
            "per e-mail of telefoon.</p>"
        ),
        _heading("Niet tevreden? Dien een klacht in"),
        _paragraph(
            "<p>Bent u niet tevreden over hoe wij met uw melding omgaan, dan kunt u een "
            "klacht indienen bij de redactie, via hetzelfde e-mailadres. Wij behandelen die "
            "volgens onze klachtenregeling en reageren binnen zes weken. Bent u daarna nog "
            "niet tevreden, dan kunt u zich kosteloos wenden tot de Nationale ombudsman: via "
            '<a href="https://www.nationaleombudsman.nl/">nationaleombudsman.nl</a> of '
            "telefonisch op 0800 33 55 555.</p>"
        ),
        _heading("Over deze verklaring"),
        _paragraph(
            "<p>Deze verklaring is opgesteld op 2 december 2026 en volgt het model van "
            "digitoegankelijk.nl. Wij werken haar bij na elk onderzoek en uiterlijk elk "
            "jaar.</p>"
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
