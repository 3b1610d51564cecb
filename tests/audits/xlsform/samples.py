"""A questionnaire of ours using every type and expression form, and answers to try it on."""

from __future__ import annotations

import random
from typing import Any

from audits.answers import Answer, answered, not_applicable
from audits.errors import AnswerError
from audits.evaluation import evaluate, missing_required
from audits.questionnaire import Questionnaire, QuestionType
from audits.validation import validate_answer

QUESTIONNAIRE = """\
id: export-essai
version: 3
title: Questionnaire d'essai de l'export
kind: energy
themes:
  - {id: energie, title: Énergie}
sources:
  - {id: ademe, title: ADEME}
sections:
  - id: etablissement
    title: Établissement
    help: Questions posées à l'accueil
    questions:
      - id: activite
        type: choice
        label: Activité
        required: true
        choices:
          - {code: boulangerie, label: Boulangerie}
          - {code: coiffure, label: Coiffure}
          - {code: '2022', label: Code numérique}
      - id: surface
        type: number
        label: Surface de vente
        help: Mesurée au sol
        unit: m²
        min: 0
        max: 5000
      - id: effectif
        type: int
        label: Effectif
        min: 1
        constraint: "value <= 1000 and value != 13"
        constraint_message: Au plus 1000, et pas 13
      - id: ouvert_dimanche
        type: bool
        label: Ouvert le dimanche ?
        theme: energie
        score: {oui: 0, non: 1}
      - id: ouverture
        type: time
        label: Heure d'ouverture
      - id: date_visite
        type: date
        label: Date de la visite
  - id: chauffage
    title: Chauffage
    visible_if: "surface > 0 or activite == '2022'"
    questions:
      - id: energies
        type: multi
        label: Énergies utilisées
        choices:
          - {code: gaz, label: Gaz}
          - {code: electricite, label: Électricité}
          - {code: fioul, label: Fioul}
          - {code: aucune, label: Aucune}
        constraint: "not (selected(value, 'aucune') and count(value) > 1)"
      - id: consigne
        type: number
        label: Consigne de chauffage
        unit: °C
        visible_if: "'gaz' in energies or selected(energies, 'fioul')"
        required_if: "activite in ['boulangerie', 'coiffure']"
      - id: alimentaire
        type: computed
        label: Commerce alimentaire
        formula: "activite in ['boulangerie']"
      - id: heures
        type: computed
        label: Heures d'ouverture
        unit: h
        formula: "max(0, 20 - hours(ouverture))"
      - id: densite
        type: computed
        label: Surface par personne
        formula: "round(surface / effectif, 1) if effectif > 0 else None"
      - id: reste
        type: computed
        label: Reste
        formula: "-(effectif % 7) + effectif // 7 * default(consigne, 1)"
      - id: rappel
        type: note
        label: "Surface : {surface} m², {effectif} personnes"
  - id: fin
    title: Fin de visite
    questions:
      - id: remarque
        type: text
        label: Remarque
        visible_if: "alimentaire and not ouvert_dimanche"
      - id: autre_activite
        type: text
        label: Autre activité
        visible_if: "activite not in ['boulangerie', 'coiffure']"
      - id: visa
        type: signature
        label: Signature du gérant
        required_if: "answered(remarque) or ouvert_dimanche == false"
      - id: photo
        type: photo
        label: Photo de la vitrine
        visible_if: >-
          activite != 'coiffure' and effectif >= 2 and effectif <= 50
          and not (densite == None)
actions:
  - {id: regler_consigne, title: Régler la consigne, trigger: "consigne > 19"}
"""

HAND_WRITTEN: list[dict[str, Answer]] = [
    {},
    {"activite": answered("boulangerie"), "surface": answered(120.0), "effectif": answered(4)},
    {
        "activite": answered("coiffure"),
        "surface": answered(40.0),
        "effectif": answered(13),
        "energies": answered(["gaz"]),
        "ouvert_dimanche": answered(True),
        "ouverture": answered("08:30"),
    },
    {
        "activite": answered("2022"),
        "energies": answered(["fioul", "aucune"]),
        "consigne": answered(21.5),
        "ouvert_dimanche": answered(False),
        "remarque": answered("RAS"),
    },
    {"activite": not_applicable(), "surface": answered(6000.0), "effectif": answered(0)},
]


def random_answers(questionnaire: Questionnaire, seed: int) -> dict[str, Answer]:
    """Answers of the right shape, some missing, some N/A, bounds sometimes crossed."""
    chance = random.Random(seed)
    found: dict[str, Answer] = {}
    for question in questionnaire.questions():
        if question.type in (QuestionType.NOTE, QuestionType.COMPUTED) or chance.random() < 0.2:
            continue
        if chance.random() < 0.05:
            found[question.id] = not_applicable()
            continue
        value = _value(question.type, [c.code for c in question.choices or []], chance)
        if value is not None:
            found[question.id] = answered(value)
    return found


def _value(qtype: QuestionType, codes: list[str], chance: random.Random) -> Any:
    values: dict[QuestionType, Any] = {
        QuestionType.BOOL: lambda: chance.choice([True, False]),
        QuestionType.CHOICE: lambda: chance.choice(codes),
        QuestionType.MULTI: lambda: chance.sample(codes, chance.randint(0, len(codes))),
        QuestionType.INT: lambda: chance.choice([0, 1, 2, 7, 13, 19, 50, 1500]),
        QuestionType.NUMBER: lambda: chance.choice([0.0, 2.5, 18.0, 21.0, 120.0, 6000.0]),
        QuestionType.TEXT: lambda: chance.choice(["", "RAS"]),
        QuestionType.TIME: lambda: chance.choice(["07:30", "19:00", "23:45"]),
        QuestionType.DATE: lambda: "2025-03-01",
    }
    make = values.get(qtype)
    return make() if make else None


def behaviour(
    questionnaire: Questionnaire, answers: dict[str, Answer], reference: Any = None
) -> tuple[Any, ...]:
    """What the app does with these answers: visibility, computed values, required, refusals."""
    state = evaluate(questionnaire, answers, reference)
    refused = []
    for question_id, answer in answers.items():
        try:
            validate_answer(questionnaire, question_id, answer, state.values)
        except AnswerError:
            refused.append(question_id)
    missing = missing_required(questionnaire, answers, reference)
    return state.visible, state.values, sorted(refused), missing
