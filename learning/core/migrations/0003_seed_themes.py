"""The seven themes of the national circular-economy programme, used across the site."""

from django.db import migrations

THEMES = [
    (
        "Bouw",
        "bouw",
        "Circulair bouwen, renoveren en slopen: hergebruik van materialen en gebouwen.",
    ),
    (
        "Biomassa en voedsel",
        "biomassa-en-voedsel",
        "Regionale biomassa, kringlooplandbouw en minder voedselverspilling.",
    ),
    (
        "Infrastructuur",
        "infrastructuur",
        "Wegen, bruggen, riolering en groen met minder primaire grondstoffen.",
    ),
    (
        "Bedrijven en ondernemers",
        "bedrijven-en-ondernemers",
        "Circulair ondernemen stimuleren: bedrijventerreinen, ketens en innovatie.",
    ),
    ("Inwoners", "inwoners", "Inwoners betrekken: repareren, delen, hergebruiken en minder afval."),
    (
        "Afval en grondstoffen",
        "afval-en-grondstoffen",
        "Afval als grondstof: scheiden, inzamelen en hoogwaardig verwerken.",
    ),
    (
        "Circulair inkopen",
        "circulair-inkopen",
        "De inkoopkracht van de overheid inzetten voor circulaire producten en diensten.",
    ),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("core", "Theme")
    for order, (name, slug, description) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_theme")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
