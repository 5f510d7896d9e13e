"""Texts of the pioneers demo: nine civil servants of real municipalities, provinces and water
boards. The people are fictional, and so are their figures."""

PROFILES = [
    {
        "slug": "marloes-van-der-heijden",
        "name": "Marloes van der Heijden",
        "job_title": "Adviseur circulair inkopen",
        "cbs_code": "GM0344",
        "themes": ["circulair-inkopen", "bedrijven-en-ondernemers"],
        "quote": "Vraag niet om nieuwe bureaus, vraag om werkplekken die tien jaar meegaan.",
        "intro": (
            "Marloes begon in 2021 als inkoper bij de gemeente Utrecht. Toen het stadskantoor "
            "een nieuwe inrichting nodig had, stelde zij voor om eerst te kijken wat er al "
            "stond. Dat werd de eerste circulaire meubelaanbesteding van de gemeente."
        ),
        "story": (
            "De markt bleek verder dan wij dachten. Leveranciers konden prima opknappen, "
            "herstofferen en terugnemen; we hadden het alleen nooit gevraagd. Het moeilijkste "
            "was intern: collega's moesten wennen aan een bureau dat niet nieuw was."
        ),
        "tools": [
            (
                "Inkoopwijzer circulair inkopen",
                "Geeft per productgroep voorbeeldeisen en gunningscriteria voor circulariteit.",
                "https://www.pianoo.nl/",
            ),
            (
                "Inventarislijst bestaand meubilair",
                "Een spreadsheet waarin we per gebouw tellen wat er staat en in welke staat.",
                "",
            ),
        ],
        "tips": [
            "Inventariseer eerst wat je al hebt; hergebruik is altijd de goedkoopste stap.",
            "Neem een terugnameverplichting op in het contract, met een prijs per product.",
            "Laat collega's vooraf een opgeknapte werkplek uitproberen.",
        ],
        "example": {
            "title": "Inrichting stadskantoor met hergebruikt meubilair",
            "situation": "Het stadskantoor met 1.400 werkplekken moest opnieuw worden ingericht.",
            "approach": (
                "Aanbesteding op functie (zitten, werken, vergaderen) in plaats van op nieuwe "
                "producten, met gunning op hergebruikpercentage en CO2-reductie."
            ),
            "result": (
                "78% van het meubilair hergebruikt of opgeknapt, € 310.000 minder uitgegeven "
                "dan begroot en naar schatting 420 ton CO2 bespaard."
            ),
            "contact": "Team Inkoop, gemeente Utrecht",
        },
    },
    {
        "slug": "jeroen-bosman",
        "name": "Jeroen Bosman",
        "job_title": "Projectleider circulair bouwen",
        "cbs_code": "GM0193",
        "themes": ["bouw", "afval-en-grondstoffen"],
        "quote": "Een gebouw slopen we niet meer, we oogsten het.",
        "intro": (
            "Jeroen is projectleider vastgoed bij de gemeente Zwolle. Bij de vervanging van "
            "een basisschool in Stadshagen liet hij het oude gebouw eerst in kaart brengen, "
            "zodat de materialen een tweede leven kregen."
        ),
        "story": (
            "We hebben de sloper niet gevraagd om te slopen, maar om te demonteren. Dat kostte "
            "drie weken extra, maar de kozijnen, de dakplaten en de stalen spanten zitten nu in "
            "andere gebouwen in de regio."
        ),
        "tools": [
            (
                "Materialenpaspoort",
                "Legt per gebouw vast welke materialen erin zitten en hoe ze demontabel zijn.",
                "https://www.madaster.nl/",
            ),
            (
                "Oogstkaart",
                "Laat zien welke vrijkomende bouwmaterialen in de regio beschikbaar zijn.",
                "https://www.oogstkaart.nl/",
            ),
        ],
        "tips": [
            "Laat een sloopinventarisatie maken vóór het ontwerp van de nieuwbouw begint.",
            "Reken met drie tot vier weken extra tijd voor demontage.",
            "Spreek met de aannemer af wie eigenaar is van de vrijkomende materialen.",
        ],
        "example": {
            "title": "Circulaire demontage van een basisschool",
            "situation": "Een basisschool uit 1978 maakte plaats voor een kindcentrum.",
            "approach": (
                "Oogstinventarisatie, een sloopbestek met hergebruikdoelen en afspraken met "
                "drie regionale bouwbedrijven over afname van materialen."
            ),
            "result": (
                "92% van de materialen hoogwaardig hergebruikt of gerecycled, 310 ton beton "
                "als granulaat in de nieuwbouw en 48 kozijnen in een woonproject in Kampen."
            ),
            "contact": "Afdeling Vastgoed, gemeente Zwolle",
        },
    },
    {
        "slug": "fenna-dijkstra",
        "name": "Fenna Dijkstra",
        "job_title": "Beleidsadviseur grondstoffen",
        "cbs_code": "GM0080",
        "themes": ["afval-en-grondstoffen", "inwoners"],
        "quote": "Inwoners scheiden graag, als je het ze makkelijk maakt.",
        "intro": (
            "Fenna schreef het grondstoffenplan van de gemeente Leeuwarden. Haar uitgangspunt: "
            "restafval is grondstof die op de verkeerde plek terechtkomt."
        ),
        "story": (
            "We hebben de ophaalfrequentie van restafval omgedraaid met die van gft en plastic. "
            "Dat leverde eerst veel vragen op, daarna vooral betere cijfers. Het kringloopplein "
            "bij de milieustraat hielp: wat nog goed is, gaat daar niet in de container."
        ),
        "tools": [
            (
                "Afvalmonitor",
                "Een dashboard met de hoeveelheden per stroom en per wijk, maandelijks bijgewerkt.",
                "",
            ),
            (
                "VANG-handreiking",
                "Handreiking van het programma Van Afval Naar Grondstof voor gemeentelijk beleid.",
                "https://www.vang-hha.nl/",
            ),
        ],
        "tips": [
            "Begin in één wijk en laat de resultaten zien voordat je opschaalt.",
            "Zorg voor goede communicatie in meerdere talen en met beeld.",
            "Werk samen met de kringloopwinkel: hergebruik komt vóór recycling.",
        ],
        "example": {
            "title": "Omgekeerd inzamelen in Leeuwarden",
            "situation": "Inwoners leverden gemiddeld 210 kilo restafval per persoon per jaar aan.",
            "approach": (
                "Omgekeerd inzamelen in alle laagbouwwijken, een kringloopplein bij de "
                "milieustraat en voorlichting op basisscholen."
            ),
            "result": (
                "Restafval daalde in twee jaar naar 118 kilo per inwoner; het scheidings"
                "percentage steeg van 54% naar 73%."
            ),
            "contact": "Team Grondstoffen, gemeente Leeuwarden",
        },
    },
    {
        "slug": "ruben-claessens",
        "name": "Ruben Claessens",
        "job_title": "Assetmanager civiele kunstwerken",
        "cbs_code": "PV30",
        "themes": ["infrastructuur", "circulair-inkopen"],
        "quote": "Een brug van veertig jaar oud kan nog zestig jaar mee, op een andere plek.",
        "intro": (
            "Ruben beheert de bruggen en viaducten van de provincie Noord-Brabant. Hij zette "
            "de eerste provinciale aanbesteding op waarin hergebruik van liggers de norm is."
        ),
        "story": (
            "Bij elke vervanging vragen we ons nu af: kan dit element elders nog mee? We houden "
            "een voorraad bij van liggers en damwanden, en de MKI-waarde weegt zwaar in de "
            "gunning. Aannemers zijn daar snel in meegegaan."
        ),
        "tools": [
            (
                "DuboCalc",
                "Berekent de milieukostenindicator (MKI) van ontwerpen in de grond-, weg- en "
                "waterbouw.",
                "https://www.rijkswaterstaat.nl/zakelijk/duurzaam-ondernemen",
            ),
            (
                "Voorraadregister kunstwerken",
                "Overzicht van vrijkomende liggers, damwanden en leuningen uit eigen projecten.",
                "",
            ),
        ],
        "tips": [
            "Laat de constructeur vroeg meekijken of een element herbruikbaar is.",
            "Leg een maximum-MKI vast in de uitvraag en beloon wie eronder blijft.",
            "Sla vrijkomende elementen op in plaats van ze direct af te voeren.",
        ],
        "example": {
            "title": "Viaduct met hergebruikte liggers",
            "situation": "Een viaduct over de N279 werd verbreed; de oude liggers waren nog goed.",
            "approach": (
                "Liggers gecontroleerd, opgeslagen en hergebruikt in een fietsviaduct; gunning "
                "op MKI met een fictieve korting per euro milieukosten."
            ),
            "result": (
                "14 liggers hergebruikt, 35% lagere MKI dan het referentieontwerp en 260 ton "
                "CO2-uitstoot vermeden."
            ),
            "contact": "Team Assetmanagement, provincie Noord-Brabant",
        },
    },
    {
        "slug": "sietske-hoekstra",
        "name": "Sietske Hoekstra",
        "job_title": "Beleidsmedewerker biomassa en reststromen",
        "cbs_code": "WS0653",
        "themes": ["biomassa-en-voedsel", "bedrijven-en-ondernemers"],
        "quote": "Het maaisel van onze dijken is geen afval, het is de grondstof van morgen.",
        "intro": (
            "Sietske werkt bij Wetterskip Fryslân aan de verwerking van maaisel van dijken en "
            "slootkanten. Samen met Friese ondernemers vond zij nieuwe toepassingen."
        ),
        "story": (
            "Jaarlijks maaien we duizenden tonnen gras. Vroeger ging dat naar de composteerder "
            "tegen betaling. Nu gaat een groeiend deel naar een fabriek die er vezelplaat en "
            "verpakkingsmateriaal van maakt."
        ),
        "tools": [
            (
                "Biomassakaart",
                "Laat zien waar en wanneer maaisel vrijkomt, zodat afnemers hun logistiek plannen.",
                "",
            ),
            (
                "Ketenovereenkomst",
                "Een standaardovereenkomst voor langjarige afname van reststromen.",
                "",
            ),
        ],
        "tips": [
            "Zoek afnemers dicht bij de bron: transport bepaalt of het rendabel is.",
            "Sluit contracten voor meerdere jaren, zodat ondernemers durven te investeren.",
            "Betrek de aannemer van het maaiwerk bij het schoon en droog aanleveren.",
        ],
        "example": {
            "title": "Dijkgras als grondstof voor vezelplaat",
            "situation": (
                "Het waterschap maaide 12.000 ton gras per jaar en betaalde om het af te voeren."
            ),
            "approach": (
                "Een pilot met een Friese vezelfabriek, aangepaste maaimomenten en een "
                "ketenovereenkomst voor vijf jaar."
            ),
            "result": (
                "3.500 ton maaisel per jaar verwerkt tot vezelplaat, € 95.000 minder "
                "verwerkingskosten en 12 nieuwe banen in de regio."
            ),
            "contact": "Afdeling Beheer en Onderhoud, Wetterskip Fryslân",
        },
    },
    {
        "slug": "ahmed-ouali",
        "name": "Ahmed Ouali",
        "job_title": "Accountmanager bedrijven",
        "cbs_code": "GM0772",
        "themes": ["bedrijven-en-ondernemers", "afval-en-grondstoffen"],
        "quote": "Het afval van de een is de grondstof van de buurman.",
        "intro": (
            "Ahmed is accountmanager bedrijven bij de gemeente Eindhoven. Hij bracht de "
            "ondernemers van bedrijventerrein De Hurk samen rond hun reststromen."
        ),
        "story": (
            "Ik ging langs bij bedrijven met één vraag: wat gooit u weg en wat koopt u in? "
            "Al snel bleek dat houtresten, pallets en warmte uitwisselbaar waren. De gemeente "
            "hoeft het niet te doen, wel de tafel te organiseren."
        ),
        "tools": [
            (
                "Reststromenscan",
                "Een vragenlijst van tien minuten die per bedrijf de belangrijkste stromen toont.",
                "",
            ),
            (
                "Parkmanagement",
                "De ondernemersvereniging die de uitwisseling na de start zelf organiseert.",
                "",
            ),
        ],
        "tips": [
            "Begin met gesprekken op locatie, niet met een bijeenkomst in het stadhuis.",
            "Maak successen zichtbaar met cijfers die ondernemers herkennen: euro's en tonnen.",
            "Draag de organisatie na een jaar over aan de ondernemers zelf.",
        ],
        "example": {
            "title": "Reststromen delen op bedrijventerrein De Hurk",
            "situation": "Bedrijven op het terrein voerden hun reststromen los van elkaar af.",
            "approach": (
                "Reststromenscan bij 60 bedrijven, vier matchmakingsessies en een "
                "gezamenlijk inzamelcontract."
            ),
            "result": (
                "46 bedrijven doen mee, 1.900 ton reststromen per jaar uitgewisseld en "
                "gemiddeld € 7.500 besparing per deelnemend bedrijf."
            ),
            "contact": "Team Economie, gemeente Eindhoven",
        },
    },
    {
        "slug": "lieke-janssen",
        "name": "Lieke Janssen",
        "job_title": "Programmamanager circulaire economie",
        "cbs_code": "GM0935",
        "themes": ["inwoners", "afval-en-grondstoffen"],
        "quote": "Repareren is het begin van anders kijken naar spullen.",
        "intro": (
            "Lieke leidt het programma circulaire economie van de gemeente Maastricht. Zij "
            "zette in op buurtinitiatieven, omdat daar de verandering zichtbaar wordt."
        ),
        "story": (
            "We geven geen subsidie voor een idee, maar voor een ruimte, gereedschap en een "
            "coördinator. Daardoor zijn de repaircafés blijvend geworden. Inwoners ontmoeten "
            "elkaar en nemen spullen mee terug in plaats van nieuwe te kopen."
        ),
        "tools": [
            (
                "Buurtbudget circulair",
                "Een klein budget per wijk dat bewoners zelf verdelen over initiatieven.",
                "",
            ),
            (
                "Reparatieregistratie",
                "Een formulier waarmee vrijwilligers elke reparatie en het gewicht noteren.",
                "",
            ),
        ],
        "tips": [
            "Investeer in een vaste plek en een vaste coördinator, niet alleen in evenementen.",
            "Laat vrijwilligers hun reparaties registreren: cijfers helpen bij de begroting.",
            "Verbind repaircafés met de bibliotheek en de kringloopwinkel.",
        ],
        "example": {
            "title": "Repaircafés in alle Maastrichtse wijken",
            "situation": "Er waren twee repaircafés, afhankelijk van een handvol vrijwilligers.",
            "approach": (
                "Een vaste ruimte per wijk, een gemeentelijk coördinator voor 16 uur per week "
                "en een gedeelde gereedschapsbibliotheek."
            ),
            "result": (
                "14 repaircafés, 6.200 reparaties per jaar (67% geslaagd) en 18 ton "
                "elektronica en textiel die niet bij het afval belandde."
            ),
            "contact": "Programma Circulaire Economie, gemeente Maastricht",
        },
    },
    {
        "slug": "hans-vermeulen",
        "name": "Hans Vermeulen",
        "job_title": "Inkoper grond-, weg- en waterbouw",
        "cbs_code": "WS0662",
        "themes": ["circulair-inkopen", "infrastructuur"],
        "quote": "Wie circulair wil inkopen, moet eerst goed weten wat er al in de grond zit.",
        "intro": (
            "Hans koopt in voor Waterschap Vallei en Veluwe: beschoeiingen, gemalen, dijken. "
            "Hij bracht hergebruik van hout en damwanden in de standaardcontracten."
        ),
        "story": (
            "We vervangen elk jaar kilometers beschoeiing. Het oude hardhout was vaak nog "
            "bruikbaar. Nu staat in elk contract dat vrijkomend hout eerst wordt gekeurd voor "
            "hergebruik, en dat nieuw hout uit hergebruikte of gecertificeerde bron komt."
        ),
        "tools": [
            (
                "Ambitieweb duurzaamheid GWW",
                "Helpt het projectteam per project ambities te kiezen, van energie tot materialen.",
                "https://www.duurzaamgww.nl/",
            ),
            (
                "CO2-prestatieladder",
                "Geeft aannemers gunningsvoordeel als zij hun CO2-uitstoot aantoonbaar verlagen.",
                "https://www.co2-prestatieladder.nl/",
            ),
        ],
        "tips": [
            "Zet hergebruik in de standaardcontracten: dan hoeft niemand het te bedenken.",
            "Spreek een keuringsprotocol af met de aannemer voor vrijkomend materiaal.",
            "Deel je bestek met andere waterschappen; zij lopen tegen dezelfde vragen aan.",
        ],
        "example": {
            "title": "Beschoeiing van hergebruikt hardhout",
            "situation": "Langs de Grift moest 2,4 kilometer houten beschoeiing worden vervangen.",
            "approach": (
                "Keuring van het vrijkomende hout, hergebruik als gordingen en palen, en "
                "gunning op CO2-prestatieladder en percentage hergebruik."
            ),
            "result": (
                "61% van het hout hergebruikt, 140 m³ nieuw tropisch hardhout niet ingekocht "
                "en € 85.000 lagere materiaalkosten."
            ),
            "contact": "Team Inkoop, Waterschap Vallei en Veluwe",
        },
    },
    {
        "slug": "esther-de-wit",
        "name": "Esther de Wit",
        "job_title": "Adviseur circulaire gebiedsontwikkeling",
        "cbs_code": "GM0034",
        "themes": ["bouw", "biomassa-en-voedsel"],
        "quote": "Bouwen met hout en vlas slaat CO2 op in plaats van het uit te stoten.",
        "intro": (
            "Esther werkt bij de gemeente Almere aan nieuwe woonwijken. Zij zorgde dat "
            "biobased bouwen een voorwaarde werd bij de gronduitgifte."
        ),
        "story": (
            "Bij gronduitgifte heeft de gemeente veel in handen. We vragen ontwikkelaars nu om "
            "minimaal 80 kilo biobased materiaal per vierkante meter. Dat stimuleert ook de teelt "
            "van vlas en hennep bij boeren in de polder."
        ),
        "tools": [
            (
                "Biobased bouwen rekentool",
                "Berekent de hoeveelheid biobased materiaal en opgeslagen CO2 per woning.",
                "",
            ),
            (
                "Green Deal Houtbouw",
                "Afspraken van overheden in de Metropoolregio Amsterdam over houtbouw.",
                "",
            ),
        ],
        "tips": [
            "Gebruik de gronduitgifte: daar kan de gemeente voorwaarden stellen.",
            "Koppel bouwen aan de landbouw in de regio; dat geeft boeren perspectief.",
            "Maak een norm in kilo per vierkante meter, dat is eenvoudig te controleren.",
        ],
        "example": {
            "title": "Biobased woonwijk in Almere Pampus",
            "situation": "In een nieuwe wijk gingen 250 woningen naar drie ontwikkelaars.",
            "approach": (
                "Een minimum van 80 kg biobased materiaal per m² in de tender, houtskeletbouw "
                "en isolatie van vlas uit Flevoland."
            ),
            "result": (
                "250 woningen met gemiddeld 110 kg biobased materiaal per m², samen 4.100 ton "
                "opgeslagen CO2, en 120 hectare vlas bij Flevolandse boeren."
            ),
            "contact": "Team Gebiedsontwikkeling, gemeente Almere",
        },
    },
]
