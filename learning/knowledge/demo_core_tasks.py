"""Texts of the knowledge base demo per core task: the tips on each core-task page, the
frequently asked questions (answered and open), and which demo articles and policy goals
belong to which core task. Own words; general practice, no figures about real organisations."""

CORE_TASK_INDEX = {
    "title": "Tips per kerntaak",
    "intro": "Circulair werken ziet er voor een inkoper anders uit dan voor een "
    "vergunningverlener. Kies uw kerntaak en vind tips, vragen, doelen en collega's die u "
    "verder helpen.",
}

QUESTION_INDEX = {
    "title": "Veelgestelde vragen",
    "intro": "Antwoorden op vragen die ambtenaren vaak stellen over de circulaire economie, per "
    "thema en per kerntaak. Weet u het antwoord op een open vraag? Vul het aan.",
}

TIPS = {
    "inkoop": (
        "Circulair inkopen begint vóór de aanbesteding: bij de vraag of er iets nieuws nodig is.",
        [
            (
                "Stel de behoefte ter discussie",
                "Vraag de budgethouder eerst wat er al is en wat er echt nodig is. Hergebruik, "
                "opknappen of delen is vaak goedkoper dan nieuw kopen.",
            ),
            (
                "Ga in gesprek met de markt",
                "Een marktconsultatie laat zien wat leveranciers al kunnen, zoals terugname, "
                "opknappen of levering als dienst. Zo voorkomt u eisen die niemand haalt.",
            ),
            (
                "Weeg circulariteit mee in de gunning",
                "Maak hergebruikt of gerecycled materiaal, levensduur en terugname onderdeel van "
                "de beoordeling, met een gewicht dat verschil maakt.",
            ),
            (
                "Maak afspraken meetbaar en volg ze",
                "Leg in het contract vast wat u wilt weten (materialen, hergebruik, terugname) "
                "en bespreek het in elk contractgesprek.",
            ),
        ],
    ),
    "ruimtelijke-ordening-en-omgevingswet": (
        "De omgevingsvisie en het omgevingsplan bepalen waar ruimte is voor hergebruik, opslag "
        "en circulaire bedrijven.",
        [
            (
                "Neem circulaire ambities op in de omgevingsvisie",
                "Beschrijf welke rol grondstoffen, hergebruik en biobased bouwen spelen in de "
                "ontwikkeling van uw gemeente.",
            ),
            (
                "Reserveer ruimte voor hubs en opslag",
                "Materialen uit sloop en onderhoud hebben tijdelijk ruimte nodig. Wijs plekken "
                "aan voor opslag, bewerking en uitwisseling.",
            ),
            (
                "Stel eisen bij gebiedsontwikkeling",
                "Bij gronduitgifte en anterieure overeenkomsten kunt u afspraken maken over "
                "materiaalgebruik, losmaakbaar bouwen en hergebruik.",
            ),
        ],
    ),
    "vergunningverlening-en-handhaving": (
        "Wie vergunningen verleent en toezicht houdt, kan hergebruik mogelijk maken binnen de "
        "regels, en weet waar de grenzen liggen.",
        [
            (
                "Ken het verschil tussen afval en bijproduct",
                "Een reststroom is niet altijd afval. Bekijk samen met de omgevingsdienst of een "
                "stof als bijproduct of als einde-afval kan gelden.",
            ),
            (
                "Denk vroeg mee met initiatiefnemers",
                "Een vooroverleg voorkomt dat een circulair plan strandt op een aanvraag die niet "
                "past. Verwijs naar het Versnellingshuis bij vragen over regelgeving.",
            ),
            (
                "Vraag om een sloopinventarisatie",
                "Laat bij sloopmeldingen vastleggen welke materialen vrijkomen en wat ermee "
                "gebeurt, zodat hergebruik een kans krijgt.",
            ),
        ],
    ),
    "afval-en-grondstoffen": (
        "Van afval inzamelen naar grondstoffen beheren: minder restafval en betere kwaliteit.",
        [
            (
                "Maak scheiden makkelijk, ook in hoogbouw",
                "Goede voorzieningen dichtbij huis werken beter dan voorlichting alleen. Test "
                "nieuwe voorzieningen eerst in één wijk.",
            ),
            (
                "Stuur op kwaliteit, niet alleen op kilo's",
                "Vervuilde stromen zijn moeilijk te recyclen. Meet de kwaliteit van gft en "
                "plastic en bespreek die met de inzamelaar.",
            ),
            (
                "Geef de milieustraat een tweede functie",
                "Een kringloop- of hergebruikpunt bij de milieustraat vangt bruikbare spullen op "
                "voordat ze afval worden.",
            ),
            (
                "Werk samen in de regio",
                "Gemeenten die samen inzamelen en verwerken, kunnen betere contracten sluiten en "
                "reststromen bundelen.",
            ),
        ],
    ),
    "economische-zaken": (
        "Circulaire ondernemers hebben ruimte, klanten en netwerken nodig; de gemeente kan in "
        "alle drie helpen.",
        [
            (
                "Verbind ondernemers op bedrijventerreinen",
                "Breng bedrijven samen die elkaars reststromen kunnen gebruiken, bijvoorbeeld via "
                "een parkmanager of ondernemersvereniging.",
            ),
            (
                "Wees zelf de eerste klant",
                "Een gemeentelijke opdracht helpt een circulaire ondernemer om te groeien. Stem "
                "af met inkoop.",
            ),
            (
                "Wijs de weg naar regelingen",
                "Verwijs ondernemers naar regionale ontwikkelingsmaatschappijen en landelijke "
                "regelingen voor circulaire innovatie.",
            ),
        ],
    ),
    "vastgoed-en-beheer-openbare-ruimte": (
        "Gebouwen, wegen en bruggen die langer meegaan en materialen die terugkomen.",
        [
            (
                "Breng in kaart wat u al heeft",
                "Een materialenpaspoort of inventarisatie van het eigen vastgoed laat zien welke "
                "materialen later opnieuw te gebruiken zijn.",
            ),
            (
                "Verleng eerst de levensduur",
                "Onderhoud en renovatie besparen meer grondstoffen dan vervangen. Beoordeel "
                "kunstwerken op restlevensduur voordat u vervangt.",
            ),
            (
                "Hergebruik straatmeubilair en verharding",
                "Vrijkomende tegels, banden en palen kunnen in een volgend project terug. Een "
                "eigen depot maakt dat praktisch.",
            ),
        ],
    ),
    "communicatie-en-participatie": (
        "Inwoners en ondernemers doen mee als ze weten waarom en als het makkelijk is.",
        [
            (
                "Vertel het verhaal met voorbeelden uit de buurt",
                "Een repair café, kringloopwinkel of buurtcompost spreekt meer aan dan cijfers "
                "over grondstoffen.",
            ),
            (
                "Betrek inwoners bij keuzes over afval",
                "Laat bewoners meedenken over nieuwe inzamelvoorzieningen; zo past de oplossing "
                "bij de wijk.",
            ),
            (
                "Maak resultaten zichtbaar",
                "Laat zien wat scheiden en hergebruiken opleveren, bijvoorbeeld per wijk, en "
                "bedank wie meedoet.",
            ),
        ],
    ),
    "bedrijfsvoering": (
        "De eigen organisatie geeft het goede voorbeeld: in huisvesting, ict en facilitaire zaken.",
        [
            (
                "Gebruik ict-apparatuur langer",
                "Een langere afschrijvingstermijn en opgeknapte laptops en telefoons besparen "
                "grondstoffen en geld.",
            ),
            (
                "Richt kantoren circulair in",
                "Kies voor hergebruikt of opgeknapt meubilair en spreek terugname af bij nieuwe "
                "aankopen.",
            ),
            (
                "Verminder afval in de kantine",
                "Meet wat er wordt weggegooid en pas het aanbod aan. Herbruikbare bekers en "
                "borden besparen afval.",
            ),
        ],
    ),
}

# Answered questions: (title, answer paragraphs, theme slugs, core-task slugs).
QUESTIONS = [
    (
        "Wat is het verschil tussen recyclen en hergebruiken?",
        [
            "Bij hergebruik gebruikt u een product of onderdeel opnieuw, zoals het is of na "
            "een opknapbeurt. Bij recycling wordt het materiaal verwerkt tot grondstof voor "
            "iets nieuws.",
            "Hergebruik houdt meer waarde vast en kost meestal minder energie. Kies daarom "
            "eerst voor hergebruik en pas daarna voor recycling.",
        ],
        ["afval-en-grondstoffen", "inwoners"],
        ["afval-en-grondstoffen", "communicatie-en-participatie"],
    ),
    (
        "Mag ik in een aanbesteding vragen om hergebruikte materialen?",
        [
            "Ja. U mag eisen stellen aan het materiaal en circulariteit meewegen in de "
            "gunning, zolang de eisen verband houden met de opdracht en proportioneel zijn.",
            "Beschrijf wat u wilt bereiken, niet welk product: zo houdt u de concurrentie open.",
        ],
        ["circulair-inkopen"],
        ["inkoop"],
    ),
    (
        "Hoe meet ik of een inkoop circulair is?",
        [
            "Kijk naar het aandeel hergebruikt en gerecycled materiaal, de levensduur, de "
            "mogelijkheid tot terugname en wat er aan het eind van het contract gebeurt.",
            "Leg in het contract vast welke gegevens de leverancier aanlevert, zodat u het kunt "
            "volgen.",
        ],
        ["circulair-inkopen"],
        ["inkoop", "bedrijfsvoering"],
    ),
    (
        "Wat is een materialenpaspoort?",
        [
            "Een materialenpaspoort legt vast welke materialen in een gebouw of kunstwerk zitten, "
            "waar ze zitten en hoe ze eruit kunnen. Dat maakt hergebruik bij renovatie of sloop "
            "makkelijker.",
        ],
        ["bouw", "infrastructuur"],
        ["vastgoed-en-beheer-openbare-ruimte"],
    ),
    (
        "Wanneer is een reststroom geen afval meer?",
        [
            "Een stof kan als bijproduct gelden als zeker is dat hij verder gebruikt wordt, "
            "zonder verdere bewerking en zonder nadelige gevolgen voor milieu of gezondheid. "
            "Afval kan ook de status einde-afval krijgen na een nuttige toepassing.",
            "Bespreek twijfelgevallen met uw omgevingsdienst; die kent de beoordeling en de "
            "landelijke afspraken.",
        ],
        ["afval-en-grondstoffen", "bedrijven-en-ondernemers"],
        ["vergunningverlening-en-handhaving"],
    ),
    (
        "Hoe krijg ik circulaire ambities in het omgevingsplan?",
        [
            "Begin in de omgevingsvisie met een duidelijke ambitie. Werk die in het "
            "omgevingsplan uit in regels die ruimte bieden, zoals functies voor opslag en "
            "bewerking van materialen op bedrijventerreinen.",
        ],
        ["bouw", "bedrijven-en-ondernemers"],
        ["ruimtelijke-ordening-en-omgevingswet"],
    ),
    (
        "Wat kan een gemeente doen tegen voedselverspilling?",
        [
            "Begin bij de eigen kantines en evenementen: meet wat er overblijft en pas het "
            "aanbod aan. Ondersteun daarnaast lokale initiatieven die overgebleven voedsel "
            "verdelen, en informeer inwoners.",
        ],
        ["biomassa-en-voedsel", "inwoners"],
        ["bedrijfsvoering", "communicatie-en-participatie"],
    ),
    (
        "Hoe betrek ik inwoners bij minder restafval?",
        [
            "Maak scheiden makkelijk en dichtbij, leg uit waarom het nodig is en laat zien wat "
            "het oplevert. Afvalcoaches en proeven in één wijk helpen om te leren wat werkt.",
        ],
        ["inwoners", "afval-en-grondstoffen"],
        ["communicatie-en-participatie", "afval-en-grondstoffen"],
    ),
    (
        "Hoe help ik circulaire ondernemers in mijn gemeente?",
        [
            "Verbind ondernemers met elkaar en met de regio, wees zelf een kritische klant en "
            "denk vroeg mee bij vergunningen. Verwijs naar de regionale "
            "ontwikkelingsmaatschappij en het Versnellingshuis voor specialistische vragen.",
        ],
        ["bedrijven-en-ondernemers"],
        ["economische-zaken"],
    ),
    (
        "Is biobased bouwen duurder?",
        [
            "Dat hangt af van het project. De bouwkosten kunnen hoger zijn, maar biobased "
            "materialen leggen koolstof vast en hebben vaak een betere milieuprestatie. Vergelijk "
            "daarom de kosten over de hele levensduur.",
        ],
        ["bouw", "biomassa-en-voedsel"],
        ["vastgoed-en-beheer-openbare-ruimte", "inkoop"],
    ),
]

# Open questions, without an answer yet: colleagues may answer them.
OPEN_QUESTIONS = [
    (
        "Hoe bereken ik de milieuwinst van hergebruikte straatstenen?",
        ["infrastructuur"],
        ["vastgoed-en-beheer-openbare-ruimte"],
    ),
    (
        "Welke afspraken maakt u over terugname van ict-apparatuur?",
        ["circulair-inkopen"],
        ["bedrijfsvoering", "inkoop"],
    ),
]

ARTICLE_CORE_TASKS = {
    "materialenpaspoort-in-de-praktijk": ["vastgoed-en-beheer-openbare-ruimte"],
    "biobased-bouwen-in-de-wijk": ["ruimtelijke-ordening-en-omgevingswet"],
    "circulaire-uitvraag-schrijven": ["inkoop"],
    "contractmanagement-circulaire-afspraken": ["inkoop"],
    "hergebruik-in-de-grond-weg-en-waterbouw": ["vastgoed-en-beheer-openbare-ruimte", "inkoop"],
    "bruggen-die-langer-meegaan": ["vastgoed-en-beheer-openbare-ruimte"],
    "circulaire-bedrijventerreinen": ["economische-zaken", "ruimtelijke-ordening-en-omgevingswet"],
    "repair-cafes-ondersteunen": ["communicatie-en-participatie"],
    "afvalcoaches-in-de-wijk": ["afval-en-grondstoffen", "communicatie-en-participatie"],
    "textiel-inzamelen-en-hergebruiken": ["afval-en-grondstoffen"],
    "voedselverspilling-in-eigen-huis": ["bedrijfsvoering"],
    "circulair-meubilair-stadskantoor": ["bedrijfsvoering", "inkoop"],
    "verslag-bestuurlijk-sturen-op-circulair-inkopen": ["inkoop"],
}

GOAL_CORE_TASKS = {
    "Helft minder primaire grondstoffen in 2030": ["inkoop", "vastgoed-en-beheer-openbare-ruimte"],
    "Volledig circulaire economie in 2050": ["ruimtelijke-ordening-en-omgevingswet"],
    "De helft van de inkoop circulair": ["inkoop"],
    "Circulair inkopen als vast onderdeel van elke opdracht": ["inkoop"],
    "30 kilo restafval per inwoner": ["afval-en-grondstoffen"],
    "Alle huishoudelijke grondstoffen gescheiden ingezameld": ["afval-en-grondstoffen"],
    "Voedselverspilling halveren": ["bedrijfsvoering", "communicatie-en-participatie"],
    "Strengere milieuprestatie voor nieuwe gebouwen": ["vastgoed-en-beheer-openbare-ruimte"],
    "Gerecycled plastic in verpakkingen": ["afval-en-grondstoffen"],
    "De helft secundaire bouwmaterialen in 2030": [
        "inkoop",
        "vastgoed-en-beheer-openbare-ruimte",
    ],
    "Tien procent biobased bouwmaterialen in 2030": [
        "inkoop",
        "vastgoed-en-beheer-openbare-ruimte",
        "ruimtelijke-ordening-en-omgevingswet",
    ],
    "Losmaakbaar en herbruikbaar bouwen in 2040": [
        "vastgoed-en-beheer-openbare-ruimte",
        "ruimtelijke-ordening-en-omgevingswet",
    ],
    "75% afvalscheiding en 100 kilo restafval per inwoner": [
        "afval-en-grondstoffen",
        "communicatie-en-participatie",
    ],
}
