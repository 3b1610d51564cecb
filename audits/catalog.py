"""The shipped questionnaires of a folder, found by file or by ``ID`` / ``ID@VERSION``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from audits.errors import DiagError, Message, QuestionnaireError, hint
from audits.loader import load_questionnaire
from audits.questionnaire import Questionnaire
from audits.reference import load_values

REFERENCE_VALUES = "valeurs.yaml"


def questionnaire_files(folder: Path) -> list[Path]:
    """The questionnaire files of a folder (its reference/ subfolder holds data, not audits)."""
    return sorted(folder.glob("*.yaml"))


def reference_keys(reference_dir: Path) -> set[str] | None:
    """Keys that ``ref()`` may read, or None when the folder has no reference values."""
    values = load_values(reference_dir)
    return None if values is None else set(values)


@dataclass
class Catalog:
    """Every questionnaire of a folder, loaded; files with problems are kept apart."""

    questionnaires: list[Questionnaire] = field(default_factory=list)
    errors: list[QuestionnaireError] = field(default_factory=list)

    def get(self, ref: str) -> Questionnaire:
        """``ID`` (latest version) or ``ID@VERSION``."""
        qid, _, version = ref.partition("@")
        matching = [q for q in self.questionnaires if q.id == qid]
        if version:
            matching = [q for q in matching if str(q.version) == version]
        if not matching:
            found = hint([q.id for q in self.questionnaires], qid)
            raise DiagError(Message.QUESTIONNAIRE_NOT_FOUND.format(ref=ref, hint=found))
        return max(matching, key=lambda q: q.version)


def load_catalog(folder: Path, reference_dir: Path | None = None) -> Catalog:
    keys = reference_keys(reference_dir or folder / "reference")
    catalog = Catalog()
    for path in questionnaire_files(folder):
        try:
            catalog.questionnaires.append(load_questionnaire(path, keys))
        except QuestionnaireError as error:
            catalog.errors.append(error)
    return catalog
