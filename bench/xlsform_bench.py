"""XLSForm import: a form with 5,000 choice rows vs openpyxl merely reading the workbook.

Target (issue 8): importing the form (pyxform reading, translation, YAML) takes < 2 s. The
baseline, measured in the same run, is openpyxl reading every cell of the same workbook in
read-only mode: the least any import must do.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from audits.loader import load_text
from audits.xlsform import import_xlsform
from bench.timing import median, samples_ms, verdict

CHOICES = 5000
TARGET_MS = 2000


def write_form(path: Path, choices: int) -> Path:
    """A select_one over ``choices`` communes, a few questions and a condition on one code."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::French (fr)", "label::English (en)", "relevant"])
    survey.append(["select_one communes", "commune", "Commune", "Municipality", None])
    survey.append(["integer", "habitants", "Habitants", "Inhabitants", "${commune} = 'c04999'"])
    survey.append(["decimal", "surface", "Surface", "Area", "${habitants} > 1000"])
    sheet = book.create_sheet("choices")
    sheet.append(["list_name", "name", "label::French (fr)", "label::English (en)"])
    for index in range(choices):
        sheet.append(["communes", f"c{index:05d}", f"Commune {index}", f"Municipality {index}"])
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append(["Communes", "communes"])
    book.save(path)
    return path


def read_only(path: Path) -> None:
    book = load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()


def import_form(path: Path) -> str:
    return import_xlsform(path).yaml()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_form(Path(folder) / "communes.xlsx", CHOICES)
        baseline = median(samples_ms(lambda: read_only(path), 5))
        ours = median(samples_ms(lambda: import_form(path), 5))
        text = import_form(path)
        check = median(samples_ms(lambda: load_text(text, "communes.yaml"), 5))
    print(
        f"import XLSForm {CHOICES} choix : {ours:.0f} ms | lecture openpyxl seule "
        f"{baseline:.0f} ms | ratio {ours / baseline:.2f}x "
        f"(cible < {TARGET_MS} ms) {verdict(ours < TARGET_MS)}"
    )
    print(
        f"vérification du questionnaire importé (questionnaires check, hors cible) : {check:.0f} ms"
    )


if __name__ == "__main__":
    main()
