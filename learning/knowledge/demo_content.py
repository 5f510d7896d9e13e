"""Texts of the knowledge base demo: the guide series, articles, national goals, directory.

Goals follow the national programmes (Rijksbrede programma Circulaire Economie 2016,
Nationaal Programma Circulaire Economie 2023-2030, VANG-Huishoudelijk Afval); the
organisations, people and figures in articles and practice examples are made up.
"""

RIJK_CE = "https://www.rijksoverheid.nl/onderwerpen/circulaire-economie"

THEME_INTROS = {
    "bouw": "Bouwen met hergebruikte en biobased materialen, en slopen als oogsten: zo "
    "maken gemeenten hun vastgoed en nieuwbouwwijken circulair.",
    "biomassa-en-voedsel": "Reststromen uit landbouw, natuur en keuken als grondstof, en "
    "minder voedselverspilling in de eigen regio.",
    "infrastructuur": "Wegen, bruggen, riolering en openbare ruimte met minder nieuwe "
    "grondstoffen en een langere levensduur.",
    "bedrijven-en-ondernemers": "Hoe een gemeente circulaire ondernemers helpt: met ruimte, "
    "netwerken, opdrachten en regels die meebewegen.",
    "inwoners": "Repareren, delen en goed scheiden: inwoners doen mee als het makkelijk en "
    "dichtbij is.",
    "afval-en-grondstoffen": "Van afvalinzameling naar grondstoffenbeheer: minder restafval, "
    "betere scheiding en hoogwaardige verwerking.",
    "circulair-inkopen": "De grootste hefboom van een overheid: wat zij inkoopt. Van ambitie "
    "en uitvraag tot contractbeheer.",
}

GOALS = [
    {
        "title": "Helft minder primaire grondstoffen in 2030",
        "goal_text": "In 2030 gebruikt Nederland 50% minder primaire abiotische grondstoffen "
        "(mineralen, metalen en fossiele grondstoffen) dan in 2016. Onze gemeente draagt bij "
        "door bij eigen projecten en inkoop te sturen op hergebruik, gerecyclede en biobased "
        "materialen.",
        "quantity": "50% minder",
        "target_year": 2030,
        "source": "Rijksbrede programma Circulaire Economie 'Nederland circulair in 2050' "
        "(2016), bevestigd in het Nationaal Programma Circulaire Economie 2023-2030",
        "themes": ["bouw", "infrastructuur", "bedrijven-en-ondernemers", "afval-en-grondstoffen"],
    },
    {
        "title": "Volledig circulaire economie in 2050",
        "goal_text": "In 2050 is de Nederlandse economie volledig circulair: grondstoffen worden "
        "zo hoogwaardig mogelijk hergebruikt, zonder schadelijke emissies naar het milieu. "
        "Onze gemeente neemt dit doel over als stip op de horizon voor al haar beleid.",
        "quantity": "100% circulair",
        "target_year": 2050,
        "source": "Rijksbrede programma Circulaire Economie 'Nederland circulair in 2050' (2016)",
        "themes": [
            "bouw",
            "biomassa-en-voedsel",
            "infrastructuur",
            "bedrijven-en-ondernemers",
            "inwoners",
            "afval-en-grondstoffen",
            "circulair-inkopen",
        ],
    },
    {
        "title": "De helft van de inkoop circulair",
        "goal_text": "In 2025 is 50% van onze inkopen circulair, in lijn met de landelijke "
        "ambitie voor overheden. Voor elke aanbesteding boven de Europese drempel leggen we "
        "vast hoe circulariteit is meegewogen.",
        "quantity": "50% van de inkopen",
        "target_year": 2025,
        "source": "Rijksbrede programma Circulaire Economie (2016) en het Nationaal Plan "
        "Maatschappelijk Verantwoord Inkopen",
        "themes": ["circulair-inkopen"],
    },
    {
        "title": "Circulair inkopen als vast onderdeel van elke opdracht",
        "goal_text": "Vanaf 2030 nemen we bij alle inkopen en aanbestedingen circulaire "
        "criteria op waar de markt dat toelaat, en rapporteren we jaarlijks aan de raad over "
        "het aandeel circulaire inkoop en de bespaarde grondstoffen.",
        "quantity": "100% van de relevante opdrachten",
        "target_year": 2030,
        "source": "Nationaal Programma Circulaire Economie 2023-2030 (ambitie voor "
        "overheidsinkoop)",
        "themes": ["circulair-inkopen"],
    },
    {
        "title": "30 kilo restafval per inwoner",
        "goal_text": "In 2025 produceert elke inwoner gemiddeld niet meer dan 30 kilo "
        "huishoudelijk restafval per jaar. Daarvoor maken we afval scheiden zo makkelijk "
        "mogelijk, thuis en in de wijk.",
        "quantity": "30 kg per inwoner per jaar",
        "target_year": 2025,
        "source": "Uitvoeringsprogramma VANG-Huishoudelijk Afval (Van Afval Naar Grondstof)",
        "themes": ["afval-en-grondstoffen", "inwoners"],
    },
    {
        "title": "Alle huishoudelijke grondstoffen gescheiden ingezameld",
        "goal_text": "Alle huishoudens in onze gemeente kunnen hun grondstoffen gescheiden "
        "aanbieden: groente-, fruit- en tuinafval, papier, glas, textiel en plastic "
        "verpakkingen, metaal en drankkartons. Het doel is 100% bronscheiding, ook in "
        "hoogbouw.",
        "quantity": "100% van de huishoudens",
        "target_year": 2030,
        "source": "Landelijk afvalbeheerplan (LAP3) en VANG-Huishoudelijk Afval",
        "themes": ["afval-en-grondstoffen", "inwoners"],
    },
    {
        "title": "Voedselverspilling halveren",
        "goal_text": "In 2030 is de voedselverspilling in onze gemeente gehalveerd ten opzichte "
        "van 2015, bij huishoudens, in de horeca en in onze eigen kantines.",
        "quantity": "50% minder",
        "target_year": 2030,
        "source": "Duurzame Ontwikkelingsdoelen van de VN (doel 12.3), uitgewerkt in het "
        "Nationaal Programma Circulaire Economie 2023-2030",
        "themes": ["biomassa-en-voedsel", "inwoners"],
    },
    {
        "title": "Strengere milieuprestatie voor nieuwe gebouwen",
        "goal_text": "Nieuwe gebouwen van onze gemeente hebben een milieuprestatie (MPG) die "
        "ruim onder de wettelijke grenswaarde ligt, op weg naar de landelijk aangekondigde "
        "grenswaarde van 0,5 in 2030.",
        "quantity": "MPG 0,5",
        "target_year": 2030,
        "source": "Besluit bouwwerken leefomgeving en de aangekondigde aanscherping van de "
        "milieuprestatie-eis",
        "themes": ["bouw"],
    },
    {
        "title": "Gerecycled plastic in verpakkingen",
        "goal_text": "In 2030 wordt 55% van de kunststof verpakkingen gerecycled. Onze "
        "gemeente ondersteunt dit met goede gescheiden inzameling en door bij inkoop te "
        "vragen naar verpakkingen met gerecycled materiaal.",
        "quantity": "55% recycling",
        "target_year": 2030,
        "source": "Europese richtlijn verpakkingen en verpakkingsafval (EU) 2018/852",
        "themes": ["afval-en-grondstoffen", "bedrijven-en-ondernemers"],
    },
    {
        "title": "De helft secundaire bouwmaterialen in 2030",
        "goal_text": "In 2030 bestaat de helft van de materialen die in onze bouw- en "
        "infraprojecten worden toegepast uit secundaire materialen: hergebruikte bouwdelen en "
        "gerecyclede grondstoffen. We vragen er bij elke opdracht naar en leggen vast hoeveel "
        "het is.",
        "quantity": "50% secundaire materialen",
        "target_year": 2030,
        "source": "Nationale doelen voor de circulaire bouweconomie, uitgewerkt in het "
        "Nationaal Programma Circulaire Economie 2023-2030",
        "themes": ["bouw", "infrastructuur", "circulair-inkopen"],
    },
    {
        "title": "Tien procent biobased bouwmaterialen in 2030",
        "goal_text": "In 2030 is minstens 10% van de bouwmaterialen in onze projecten "
        "biobased: hout, vlas, hennep, stro en andere materialen van hernieuwbare oorsprong. "
        "Dat legt koolstof vast en vermindert het gebruik van primaire abiotische grondstoffen.",
        "quantity": "10% biobased",
        "target_year": 2030,
        "source": "Nationale doelen voor de circulaire bouweconomie, uitgewerkt in het "
        "Nationaal Programma Circulaire Economie 2023-2030",
        "themes": ["bouw", "biomassa-en-voedsel"],
    },
    {
        "title": "Losmaakbaar en herbruikbaar bouwen in 2040",
        "goal_text": "Vanaf 2040 ontwerpen en bouwen we zo dat bouwmaterialen en bouwdelen "
        "losmaakbaar zijn en opnieuw kunnen worden gebruikt. Wat we nu bouwen, is de "
        "materialenbank van straks.",
        "quantity": "Losmaakbaar en herbruikbaar",
        "target_year": 2040,
        "source": "Nationale doelen voor de circulaire bouweconomie, uitgewerkt in het "
        "Nationaal Programma Circulaire Economie 2023-2030",
        "themes": ["bouw", "infrastructuur"],
    },
    {
        "title": "75% afvalscheiding en 100 kilo restafval per inwoner",
        "goal_text": "We scheiden minstens 75% van het huishoudelijk afval aan de bron en "
        "brengen het restafval terug tot hoogstens 100 kilo per inwoner per jaar, als tussenstap "
        "naar 30 kilo.",
        "quantity": "75% gescheiden, 100 kg restafval per inwoner",
        "target_year": 2020,
        "source": "Uitvoeringsprogramma VANG-Huishoudelijk Afval (Van Afval Naar Grondstof, 2014)",
        "themes": ["afval-en-grondstoffen", "inwoners"],
    },
]

GUIDE = {
    "slug": "circulaire-gemeente-in-negen-stappen",
    "title": "De circulaire gemeente in negen stappen",
    "intro": "Een handreiking voor gemeenten die circulair willen werken: van visie tot "
    "regionale samenwerking. Elke stap heeft concrete acties en een praktijkvoorbeeld van "
    "een gemeente die het al deed.",
}


def _step(slug, title, intro, themes, actions, example):
    return {
        "slug": slug,
        "title": title,
        "intro": intro,
        "themes": themes,
        "actions": actions,
        "example": example,
    }


STEPS = [
    _step(
        "visie-en-beleid",
        "Visie en beleid",
        "Leg vast waar de gemeente naartoe wil, met meetbare doelen, een budget en een "
        "eigenaar in het college.",
        ["circulair-inkopen", "afval-en-grondstoffen"],
        [
            (
                "Stel een circulaire visie vast in de raad",
                "Sluit aan bij de landelijke doelen "
                "voor 2030 en 2050 en kies twee of drie prioritaire ketens.",
            ),
            ("Maak een uitvoeringsprogramma", "Met per keten een trekker, budget en mijlpalen."),
            (
                "Beleg het bestuurlijk",
                "Eén wethouder is eigenaar; de andere portefeuilles "
                "weten wat er van hen verwacht wordt.",
            ),
        ],
        {
            "title": "Een visie in honderd dagen",
            "organisation": "Gemeente Hoogveen",
            "situation": "Het coalitieakkoord noemde circulariteit, maar niemand wist wat dat "
            "concreet betekende.",
            "approach": "Een kernteam van vier ambtenaren organiseerde drie ateliers met "
            "ondernemers, inwoners en de raad en schreef in honderd dagen een visie met "
            "doelen per keten.",
            "result": "Unaniem aangenomen; 1,2 miljoen euro per jaar voor uitvoering.",
        },
    ),
    _step(
        "circulair-inkopen",
        "Circulair inkopen",
        "Gebruik de inkoopkracht van de gemeente: vraag om hergebruik, lange levensduur en "
        "terugname.",
        ["circulair-inkopen"],
        [
            (
                "Maak een inkoopanalyse",
                "Welke categorieën hebben de grootste milieu-impact? "
                "Vaak zijn dat bouw, grond-, weg- en waterbouw, ICT en meubilair.",
            ),
            (
                "Voer een marktconsultatie uit",
                "Vraag de markt wat mogelijk is voordat u de uitvraag schrijft.",
            ),
            (
                "Stuur op het contract",
                "Leg afspraken over terugname en rapportage vast en controleer ze.",
            ),
        ],
        {
            "title": "Werkkleding die terugkomt",
            "organisation": "Gemeente Rivierstad",
            "situation": "Jaarlijks werd 4.000 kilo werkkleding van de buitendienst weggegooid.",
            "approach": "Een nieuwe aanbesteding vroeg om kleding met minimaal 30% gerecyclede "
            "vezels en terugname van afgedankte kleding.",
            "result": "92% van de afgedankte kleding wordt nu gerecycled tot nieuwe vezels.",
        },
    ),
    _step(
        "circulair-bouwen",
        "Circulair bouwen",
        "Bouw en renoveer met minder nieuwe materialen, en ontwerp gebouwen zo dat ze later "
        "weer uit elkaar kunnen.",
        ["bouw"],
        [
            ("Laat een materialenpaspoort maken", "Voor elk nieuw gemeentelijk gebouw."),
            (
                "Oogst voor u sloopt",
                "Inventariseer vóór sloop wat herbruikbaar is en bied het "
                "aan via een materialenbank.",
            ),
            (
                "Stel eisen aan de milieuprestatie",
                "Vraag een MPG die ruim onder de wettelijke grens ligt.",
            ),
        ],
        {
            "title": "Een school uit een oud kantoor",
            "organisation": "Gemeente Veenhoven",
            "situation": "Een leegstaand kantoorpand moest plaatsmaken voor een basisschool.",
            "approach": "In plaats van sloop en nieuwbouw werd het casco hergebruikt; "
            "gevelpanelen en binnenwanden kwamen uit de materialenbank.",
            "result": "65% minder nieuwe materialen en 400 ton CO2 bespaard.",
        },
    ),
    _step(
        "regionale-biomassa",
        "Regionale biomassa",
        "Zet maaisel, snoeihout en gft in als grondstof in de eigen regio, in plaats van ze "
        "als afval af te voeren.",
        ["biomassa-en-voedsel"],
        [
            (
                "Breng de stromen in kaart",
                "Hoeveel maaisel, snoeihout en gft komt er per jaar vrij, en waar?",
            ),
            ("Zoek afnemers in de regio", "Denk aan bouwmaterialen, compost of vezelproducten."),
            ("Pas bestekken aan", "Laat maaibestekken ruimte voor hoogwaardige verwerking."),
        ],
        {
            "title": "Bermgras wordt isolatie",
            "organisation": "Waterschap De Groene Delta",
            "situation": "Jaarlijks 12.000 ton bermmaaisel dat tegen betaling werd gecomposteerd.",
            "approach": "Samen met twee gemeenten en een regionale verwerker werd een deel "
            "omgezet in vezels voor isolatiemateriaal.",
            "result": "3.000 ton per jaar hoogwaardig ingezet; verwerkingskosten 18% lager.",
        },
    ),
    _step(
        "circulair-ondernemerschap",
        "Circulair ondernemerschap",
        "Help ondernemers die circulair willen werken met ruimte, opdrachten en een netwerk.",
        ["bedrijven-en-ondernemers"],
        [
            (
                "Richt een circulair loket in",
                "Eén aanspreekpunt voor vragen over vergunningen en regels.",
            ),
            ("Bied ruimte", "Bijvoorbeeld op een bedrijventerrein of in leegstaand vastgoed."),
            ("Wees launching customer", "Koop als eerste een circulair product in."),
        ],
        {
            "title": "Een ambachtscentrum in de oude gemeentewerf",
            "organisation": "Gemeente Duinwijk",
            "situation": "De gemeentewerf stond leeg na het samenvoegen van twee buitendiensten.",
            "approach": "De werf werd voor tien jaar verhuurd aan een coöperatie van "
            "reparateurs en hergebruikbedrijven.",
            "result": "Veertien bedrijven, 38 banen, waarvan twaalf voor mensen met een "
            "afstand tot de arbeidsmarkt.",
        },
    ),
    _step(
        "afval-als-grondstof",
        "Afval als grondstof",
        "Minder restafval en betere scheiding: zo worden afvalstromen weer grondstoffen.",
        ["afval-en-grondstoffen"],
        [
            ("Kies een inzamelsysteem dat werkt", "Bijvoorbeeld omgekeerd inzamelen of diftar."),
            ("Maak het makkelijk in hoogbouw", "Met inzamelpunten dichtbij en goede communicatie."),
            ("Stuur op kwaliteit", "Minder vervuiling in gft en plastic levert meer op."),
        ],
        {
            "title": "Van 180 naar 70 kilo restafval",
            "organisation": "Gemeente Kanaalzijde",
            "situation": "Inwoners produceerden gemiddeld 180 kilo restafval per jaar.",
            "approach": "Omgekeerd inzamelen, een gratis gft-emmer voor elke keuken en "
            "afvalcoaches in de wijk.",
            "result": "Binnen twee jaar 70 kilo restafval per inwoner.",
        },
    ),
    _step(
        "inwoners-activeren",
        "Inwoners activeren",
        "Inwoners doen mee als het makkelijk, dichtbij en leuk is: repareren, delen en "
        "tweedehands kopen.",
        ["inwoners"],
        [
            ("Steun repair cafés", "Met een ruimte, gereedschap en bekendheid."),
            (
                "Maak een kringloopkaart",
                "Waar kun je in de gemeente repareren, lenen en tweedehands kopen?",
            ),
            ("Werk met wijkambassadeurs", "Inwoners die buren helpen en enthousiasmeren."),
        ],
        {
            "title": "Een bibliotheek van spullen",
            "organisation": "Gemeente Lindeburg",
            "situation": "Inwoners kochten gereedschap dat ze één keer per jaar gebruikten.",
            "approach": "In de openbare bibliotheek kwam een uitleenpunt voor gereedschap, "
            "campingspullen en keukenapparatuur.",
            "result": "1.100 leden en 6.500 uitleningen in het eerste jaar.",
        },
    ),
    _step(
        "monitoren",
        "Monitoren",
        "Meet wat u doet en wat het oplevert, zodat u kunt bijsturen en de raad kunt informeren.",
        ["circulair-inkopen", "afval-en-grondstoffen"],
        [
            (
                "Kies een paar indicatoren",
                "Bijvoorbeeld restafval per inwoner, aandeel "
                "circulaire inkoop en hergebruikte bouwmaterialen.",
            ),
            ("Leg een nulmeting vast", "Zonder beginpunt geen voortgang."),
            ("Rapporteer jaarlijks", "Aan de raad en openbaar, in begrijpelijke taal."),
        ],
        {
            "title": "Een dashboard voor de raad",
            "organisation": "Gemeente Heuvelrand",
            "situation": "De raad vroeg elk jaar opnieuw hoe het ging met de circulaire doelen.",
            "approach": "Zes indicatoren, een nulmeting en een openbaar dashboard dat elk "
            "kwartaal wordt bijgewerkt.",
            "result": "Eén integrale rapportage in plaats van losse raadsvragen.",
        },
    ),
    _step(
        "regionaal-samenwerken",
        "Regionaal samenwerken",
        "Veel ketens zijn groter dan één gemeente: werk samen met buurgemeenten, provincie "
        "en waterschap.",
        ["bedrijven-en-ondernemers", "biomassa-en-voedsel", "infrastructuur"],
        [
            (
                "Zoek de regionale ketens",
                "Welke stromen, bedrijven en projecten gaan over de gemeentegrens heen?",
            ),
            ("Bundel inkoop", "Samen aanbesteden vergroot de vraag en de invloed."),
            ("Deel kennis", "Een regionale leerkring voor beleidsmakers en inkopers."),
        ],
        {
            "title": "Acht gemeenten, één betonketen",
            "organisation": "Regio Oostgrens",
            "situation": "Elke gemeente liet vrijkomend beton apart breken en afvoeren.",
            "approach": "Een regionale afspraak met één brekerij en een gezamenlijke vraag "
            "naar beton met gerecycled granulaat.",
            "result": "25.000 ton beton per jaar terug in de regionale bouw.",
        },
    ),
]

ARTICLES = [
    {
        "slug": "materialenpaspoort-in-de-praktijk",
        "title": "Het materialenpaspoort in de praktijk",
        "kind": "article",
        "themes": ["bouw"],
        "authors": [("Lotte Vermeulen", "Adviseur circulair bouwen, Circulair Leren")],
        "intro": "Wat staat er in een materialenpaspoort, wie maakt het, en wat heeft een "
        "gemeente eraan als het gebouw over dertig jaar wordt verbouwd?",
        "paragraphs": [
            "Een materialenpaspoort beschrijft welke materialen in een gebouw zitten, waar ze "
            "zitten en hoe ze zijn bevestigd. Dat maakt hergebruik later veel eenvoudiger.",
            "Vraag het paspoort op in de aanbesteding en laat de aannemer het bijwerken tot "
            "de oplevering. Beleg daarna bij vastgoedbeheer wie het bijhoudt.",
        ],
    },
    {
        "slug": "biobased-bouwen-in-de-wijk",
        "title": "Biobased bouwen: hout, vlas en stro in de nieuwe wijk",
        "kind": "article",
        "themes": ["bouw", "biomassa-en-voedsel"],
        "authors": [("Daan Kuipers", "Programmamanager wonen, gemeente Veenhoven")],
        "intro": "Biobased materialen slaan CO2 op en komen vaak uit de regio. Zo neemt een "
        "gemeente ze op in het tenderbeleid voor nieuwbouw.",
        "paragraphs": [
            "In de gronduitgifte kan de gemeente punten geven voor het aandeel biobased "
            "materialen. Begin met een haalbaar percentage en verhoog het per fase.",
            "Werk samen met regionale telers en verwerkers, zodat de vraag en het aanbod "
            "tegelijk groeien.",
        ],
    },
    {
        "slug": "circulaire-uitvraag-schrijven",
        "title": "Zo schrijft u een circulaire uitvraag",
        "kind": "article",
        "themes": ["circulair-inkopen"],
        "authors": [("Karin Smit", "Inkoopadviseur")],
        "intro": "Functioneel vragen, ruimte laten voor de markt en gunnen op waarde: de "
        "bouwstenen van een uitvraag die circulaire oplossingen uitlokt.",
        "paragraphs": [
            "Beschrijf wat u nodig hebt, niet welk product. Vraag bijvoorbeeld om "
            "'zitplaatsen voor 200 medewerkers gedurende tien jaar' in plaats van '200 "
            "bureaustoelen'.",
            "Weeg circulariteit mee in de gunning, bijvoorbeeld met de total cost of "
            "ownership of een milieukostenindicator.",
        ],
    },
    {
        "slug": "contractmanagement-circulaire-afspraken",
        "title": "Circulaire afspraken waarmaken in het contract",
        "kind": "article",
        "themes": ["circulair-inkopen"],
        "authors": [("Yara Benali", "Contractmanager, gemeente Utrecht")],
        "intro": "Een circulaire aanbesteding is pas geslaagd als de afspraken in het "
        "contract ook worden nagekomen. Wat doet een contractmanager?",
        "paragraphs": [
            "Leg meetbare afspraken vast: percentages gerecycled materiaal, terugname en "
            "rapportage. Plan in het eerste jaar een evaluatie met de leverancier.",
        ],
    },
    {
        "slug": "hergebruik-in-de-grond-weg-en-waterbouw",
        "title": "Hergebruik in de grond-, weg- en waterbouw",
        "kind": "article",
        "themes": ["infrastructuur"],
        "authors": [("Thijs Verbeek", "Inkoopadviseur GWW")],
        "intro": "Asfalt, beton, banden en kantopsluitingen: in de openbare ruimte kan veel "
        "vaker hergebruikt worden dan nu gebeurt.",
        "paragraphs": [
            "Vraag in onderhoudsbestekken om een hoog percentage hergebruikt asfalt en laat "
            "vrijkomende materialen op een gemeentelijk depot sorteren.",
            "Een gezamenlijke materialenbank met buurgemeenten vergroot de kans dat "
            "vraag en aanbod elkaar vinden.",
        ],
    },
    {
        "slug": "bruggen-die-langer-meegaan",
        "title": "Bruggen die langer meegaan",
        "kind": "practice",
        "themes": ["infrastructuur"],
        "authors": [("Ruud Smeets", "Assetmanager kunstwerken")],
        "intro": "Met slim onderhoud en modulaire nieuwbouw verlengde een provincie de "
        "levensduur van haar bruggen met gemiddeld vijftien jaar.",
        "example": {
            "title": "Levensduurverlenging van 40 bruggen",
            "organisation": "Provincie Middenland",
            "situation": "Veertig bruggen naderden het einde van hun ontwerplevensduur.",
            "approach": "Eerst inspecteren en versterken in plaats van vervangen; waar "
            "vervanging nodig was, modulaire brugdelen die elders opnieuw te gebruiken zijn.",
            "result": "32 bruggen gingen langer mee; 11 miljoen euro en 5.000 ton CO2 bespaard.",
        },
    },
    {
        "slug": "circulaire-bedrijventerreinen",
        "title": "Circulaire bedrijventerreinen: samen meer uit reststromen",
        "kind": "article",
        "themes": ["bedrijven-en-ondernemers"],
        "authors": [("Femke Wouters", "Accountmanager bedrijven")],
        "intro": "Op een bedrijventerrein is het afval van de een vaak de grondstof van de "
        "ander. De gemeente kan die uitwisseling op gang brengen.",
        "paragraphs": [
            "Begin met een scan van de reststromen op het terrein en organiseer een "
            "matchmakingbijeenkomst. Gezamenlijke inzameling verlaagt de kosten voor "
            "iedereen.",
        ],
    },
    {
        "slug": "repair-cafes-ondersteunen",
        "title": "Repair cafés ondersteunen: wat werkt?",
        "kind": "article",
        "themes": ["inwoners"],
        "authors": [("Noor Aydın", "Wijkregisseur")],
        "intro": "Repair cafés draaien op vrijwilligers. Met een kleine bijdrage helpt een "
        "gemeente ze groeien: ruimte, gereedschap en bekendheid.",
        "paragraphs": [
            "Bied een vaste, gratis ruimte in een buurthuis of bibliotheek. Een klein "
            "budget voor gereedschap en onderdelen maakt veel verschil.",
        ],
    },
    {
        "slug": "afvalcoaches-in-de-wijk",
        "title": "Afvalcoaches in de wijk",
        "kind": "practice",
        "themes": ["inwoners", "afval-en-grondstoffen"],
        "authors": [("Joost de Wit", "Beleidsadviseur afval")],
        "intro": "In hoogbouwwijken blijft afvalscheiding vaak achter. Afvalcoaches uit de "
        "buurt brachten daar verandering in.",
        "example": {
            "title": "Buren helpen buren scheiden",
            "organisation": "Gemeente Kanaalzijde",
            "situation": "In drie hoogbouwwijken werd minder dan 30% van het afval gescheiden.",
            "approach": "Twaalf bewoners werden opgeleid tot afvalcoach en gingen met buren "
            "in gesprek; de inzamelpunten werden dichterbij geplaatst.",
            "result": "Scheidingspercentage van 28% naar 51% in anderhalf jaar.",
        },
    },
    {
        "slug": "textiel-inzamelen-en-hergebruiken",
        "title": "Textiel inzamelen en hergebruiken",
        "kind": "article",
        "themes": ["afval-en-grondstoffen", "bedrijven-en-ondernemers"],
        "authors": [("Sanne de Vries", "Programmacoördinator Circulair Leren")],
        "intro": "Met de uitgebreide producentenverantwoordelijkheid voor textiel verandert "
        "de rol van de gemeente. Wat blijft er voor u te doen?",
        "paragraphs": [
            "Producenten worden verantwoordelijk voor de inzameling en verwerking van "
            "afgedankt textiel. Gemeenten blijven belangrijk voor inzamelpunten, "
            "communicatie en lokale hergebruikinitiatieven.",
        ],
    },
    {
        "slug": "voedselverspilling-in-eigen-huis",
        "title": "Voedselverspilling in de eigen kantine",
        "kind": "practice",
        "themes": ["biomassa-en-voedsel"],
        "authors": [("Marloes Peters", "Facilitair adviseur")],
        "intro": "Een gemeente halveerde de voedselverspilling in haar kantine met een "
        "nieuw cateringcontract en kleine aanpassingen.",
        "example": {
            "title": "De helft minder weggooien",
            "organisation": "Gemeente Hoogveen",
            "situation": "Dagelijks ging bijna een kwart van het kantine-eten weg.",
            "approach": "Meten per dag, kleinere porties, restjes 's middags met korting en "
            "een cateraar die wordt beloond op minder verspilling.",
            "result": "Verspilling van 23% naar 11% in één jaar.",
        },
    },
    {
        "slug": "circulair-meubilair-stadskantoor",
        "title": "Circulair meubilair voor het stadskantoor",
        "kind": "practice",
        "themes": ["circulair-inkopen", "bedrijven-en-ondernemers"],
        "authors": [("Bram Hendriks", "Senior inkoper, gemeente Utrecht")],
        "intro": "Het meeste meubilair dat een gemeente nodig heeft, staat al in het eigen "
        "pand. Een verbouwing als kans om het opnieuw te gebruiken.",
        "example": {
            "title": "Opknappen in plaats van nieuw kopen",
            "organisation": "Gemeente Rivierstad",
            "situation": "Bij de verbouwing van het stadskantoor moesten 600 werkplekken "
            "worden ingericht.",
            "approach": "Een inventarisatie van het bestaande meubilair, opknappen door een "
            "sociaal werkbedrijf en alleen aanvullen met tweedehands of gerecyclede "
            "meubels.",
            "result": "85% hergebruikt, 40% goedkoper dan nieuw en 120 ton CO2 bespaard.",
        },
    },
]

# Shared with the participants of a masterclass of the events demo (if it is there).
SHARED_ARTICLE = {
    "slug": "verslag-bestuurlijk-sturen-op-circulair-inkopen",
    "title": "Verslag en sheets: Bestuurlijk sturen op circulair inkopen",
    "kind": "article",
    "themes": ["circulair-inkopen"],
    "authors": [("Sanne de Vries", "Programmacoördinator Circulair Leren")],
    "intro": "Voor de deelnemers: de sheets, de casus en de afspraken uit de masterclass.",
    "paragraphs": [
        "Dank voor uw deelname. Hieronder vindt u de casus van de gemeente die drie "
        "aanbestedingen per jaar circulair maakte, en de vragen voor uw eigen college.",
    ],
    "shared_with_slug": "bestuurlijk-sturen-op-circulair-inkopen",
}

INITIATIVES = [
    (
        "Circulaire Bouweconomie Foodvalley",
        "netwerk",
        "Regio Foodvalley",
        "PV25",
        ["bouw"],
        "Acht gemeenten en honderd bouwbedrijven die samen werken aan hergebruik van "
        "bouwmaterialen en biobased bouwen.",
    ),
    (
        "Grondstoffenhub Twente",
        "netwerk",
        "Twente",
        "PV23",
        ["afval-en-grondstoffen"],
        "Een samenwerking van Twentse gemeenten en verwerkers die reststromen uit "
        "huishoudens en bedrijven regionaal verwerken.",
    ),
    (
        "Materialenbank Drechtsteden",
        "overheid",
        "Drechtsteden",
        "PV28",
        ["bouw", "infrastructuur"],
        "Een gemeentelijke opslag waar vrijgekomen bouw- en straatmaterialen een tweede leven "
        "krijgen.",
    ),
    (
        "Kringloopcentrum De Tweede Ronde",
        "maatschappelijk",
        "Utrecht-West",
        "PV26",
        ["inwoners"],
        "Kringloopwinkel en leerwerkbedrijf met reparatiewerkplaats voor meubels en elektronica.",
    ),
    (
        "Biobased Bouwen Noord",
        "netwerk",
        "Noord-Nederland",
        "PV21",
        ["bouw", "biomassa-en-voedsel"],
        "Telers, verwerkers en bouwers die vlas, hennep en stro als bouwmateriaal op de "
        "markt brengen.",
    ),
    (
        "Repair Café Netwerk Gelderland",
        "maatschappelijk",
        "",
        "PV25",
        ["inwoners"],
        "Ondersteunt meer dan zestig repair cafés met trainingen, gereedschap en onderdelen.",
    ),
    (
        "Circulaire Wegen Lab",
        "kennisinstelling",
        "West-Brabant",
        "PV30",
        ["infrastructuur"],
        "Proeftuin waar wegbeheerders en aannemers nieuwe asfalt- en betonmengsels met "
        "hergebruikt materiaal testen.",
    ),
    (
        "Voedselakkoord Drenthe",
        "netwerk",
        "",
        "PV22",
        ["biomassa-en-voedsel"],
        "Boeren, zorginstellingen en gemeenten die samen werken aan korte ketens en minder "
        "voedselverspilling.",
    ),
    (
        "Lectoraat Circulaire Bedrijfsvoering",
        "kennisinstelling",
        "Haaglanden",
        "PV28",
        ["bedrijven-en-ondernemers", "circulair-inkopen"],
        "Onderzoekt met mkb-bedrijven en gemeenten hoe circulaire verdienmodellen werken.",
    ),
    (
        "Betonketen Oost",
        "bedrijf",
        "Achterhoek",
        "PV25",
        ["bouw", "infrastructuur"],
        "Brekerij en betoncentrale die vrijgekomen beton verwerken tot nieuw beton met "
        "gerecycled granulaat.",
    ),
    (
        "Houtbouwcoalitie Metropoolregio",
        "netwerk",
        "Metropoolregio Amsterdam",
        "PV27",
        ["bouw"],
        "Gemeenten en ontwikkelaars die afspraken maakten over een groeiend aandeel "
        "houtbouw in nieuwbouw.",
    ),
    (
        "Textielhub Midden-Brabant",
        "bedrijf",
        "Hart van Brabant",
        "PV30",
        ["afval-en-grondstoffen", "bedrijven-en-ondernemers"],
        "Sorteert afgedankt textiel en maakt er garens en vezels van voor nieuwe producten.",
    ),
    (
        "Inkoopnetwerk Circulair Limburg",
        "overheid",
        "",
        "PV31",
        ["circulair-inkopen"],
        "Inkopers van Limburgse gemeenten die samen uitvragen schrijven en ervaringen delen.",
    ),
    (
        "Zeeuwse Biomassa Coöperatie",
        "bedrijf",
        "",
        "PV29",
        ["biomassa-en-voedsel"],
        "Verwerkt snoeihout en maaisel uit Zeeuwse gemeenten tot compost en biobased grondstoffen.",
    ),
    (
        "Afvalloze Wijk Groningen",
        "maatschappelijk",
        "Stad Groningen",
        "PV20",
        ["inwoners", "afval-en-grondstoffen"],
        "Bewonersinitiatief dat met buurtcomposteren, ruilkasten en afvalcoaches het "
        "restafval in de wijk halveerde.",
    ),
    (
        "Circulair Ondernemen Flevoland",
        "netwerk",
        "",
        "PV24",
        ["bedrijven-en-ondernemers"],
        "Netwerk van ondernemers met een circulair verdienmodel, met een loket voor vragen "
        "over vergunningen.",
    ),
    (
        "Bouwmaterialen Terug",
        "bedrijf",
        "",
        None,
        ["bouw"],
        "Landelijk platform waarop aannemers en gemeenten gebruikte bouwmaterialen aanbieden "
        "en vinden.",
    ),
    (
        "Grondstoffen uit Afvalwater",
        "overheid",
        "",
        None,
        ["afval-en-grondstoffen", "infrastructuur"],
        "Samenwerking van waterschappen die fosfaat, cellulose en andere grondstoffen uit "
        "afvalwater terugwinnen.",
    ),
    (
        "Deelpunt Gereedschap Amersfoort",
        "maatschappelijk",
        "Regio Amersfoort",
        "PV26",
        ["inwoners"],
        "Uitleenpunt voor gereedschap en klusmaterialen in drie bibliotheken.",
    ),
    (
        "Kenniscentrum Circulaire Infra",
        "kennisinstelling",
        "",
        None,
        ["infrastructuur"],
        "Bundelt kennis over circulair ontwerpen, aanbesteden en beheren van wegen, "
        "bruggen en riolering.",
    ),
]
