"""Loading the list of Dutch public bodies kept in data/organisations.csv.

The CSV names its sources and reference date in its leading ``#`` lines. The loader is used by
a data migration (so every environment, production included, has the list) and is idempotent:
rows are matched on CBS code, or on kind and name for bodies without one.
"""

import csv
from collections.abc import Iterator
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "organisations.csv"


def read_rows(path: Path = DATA_FILE) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines):
            yield {key: (value or "").strip() for key, value in row.items()}


def load_organisations(organisation_model, path: Path = DATA_FILE) -> int:
    """Create or update every row of the CSV; returns the number of rows read.

    Takes the model as an argument so a migration can pass its historical model.
    """
    rows = list(read_rows(path))
    provinces = {}
    # Provinces first: the other rows refer to them by code.
    for row in sorted(rows, key=lambda r: r["kind"] != "provincie"):
        province = provinces.get(row["province_code"]) if row["province_code"] else None
        if row["province_code"] and province is None:
            raise ValueError(f"unknown province code {row['province_code']!r} for {row['name']}")
        defaults = {"kind": row["kind"], "name": row["name"], "province": province}
        if row["cbs_code"]:
            organisation, _ = organisation_model.objects.update_or_create(
                cbs_code=row["cbs_code"], defaults=defaults
            )
        else:
            organisation, _ = organisation_model.objects.update_or_create(
                kind=row["kind"], name=row["name"], defaults={"province": province}
            )
        if row["kind"] == "provincie":
            provinces[row["cbs_code"]] = organisation
    return len(rows)
