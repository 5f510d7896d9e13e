"""The eight core tasks of a local government, the second axis beside the themes."""

from django.db import migrations

CORE_TASKS = [
    (
        "Inkoop",
        "inkoop",
        "Inkopen en aanbesteden: circulaire eisen in de uitvraag, het contract en het "
        "contractbeheer.",
    ),
    (
        "Ruimtelijke ordening en Omgevingswet",
        "ruimtelijke-ordening-en-omgevingswet",
        "Omgevingsvisie, omgevingsplan en gebiedsontwikkeling: ruimte en regels voor een "
        "circulaire economie.",
    ),
    (
        "Vergunningverlening en handhaving",
        "vergunningverlening-en-handhaving",
        "Vergunningen, toezicht en handhaving: hergebruik en reststromen mogelijk maken binnen "
        "de regels.",
    ),
    (
        "Afval en grondstoffen",
        "afval-en-grondstoffen",
        "Inzamelen en verwerken van huishoudelijk afval, en afval behandelen als grondstof.",
    ),
    (
        "Economische zaken",
        "economische-zaken",
        "Ondernemers, bedrijventerreinen en werkgelegenheid: circulair ondernemen stimuleren.",
    ),
    (
        "Vastgoed en beheer openbare ruimte",
        "vastgoed-en-beheer-openbare-ruimte",
        "Eigen gebouwen, wegen, bruggen, groen en riolering: onderhouden, hergebruiken en "
        "langer laten meegaan.",
    ),
    (
        "Communicatie en participatie",
        "communicatie-en-participatie",
        "Inwoners en ondernemers informeren over en betrekken bij de circulaire economie.",
    ),
    (
        "Bedrijfsvoering",
        "bedrijfsvoering",
        "De eigen organisatie: huisvesting, ict, facilitaire zaken, financiën en personeel.",
    ),
]


def seed(apps, schema_editor):
    CoreTask = apps.get_model("core", "CoreTask")
    for order, (name, slug, description) in enumerate(CORE_TASKS, start=1):
        CoreTask.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0005_core_task")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
