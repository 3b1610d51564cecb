"""Questionnaire engine: load + validate vs a bare libyaml parse; re-evaluation after an answer.

Targets (issue 2): the 1,000-question file loads in < 300 ms and within 3x of the bare
CSafeLoader parse of the same file; re-evaluating every visibility condition of a
200-question audit after one answer changes takes < 5 ms.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml

from audits.answers import Answer
from audits.catalog import questionnaire_files
from audits.errors import QuestionnaireError
from audits.evaluation import evaluate
from audits.expressions import parse
from audits.loader import load_questionnaire
from audits.rules import rules_of
from bench.timing import median, p95, samples_ms, verdict

QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"


def generated_questionnaire(sections: int, per_section: int) -> str:
    """A questionnaire where every question but the first of a section has a visible_if."""
    lines = ["id: genere", "version: 1", "title: Questionnaire généré", "kind: other", "sections:"]
    for s in range(sections):
        lines += [f"  - id: section_{s}", f"    title: Section {s}", "    questions:"]
        for q in range(per_section):
            lines += _question_lines(s, q)
    return "\n".join(lines) + "\n"


def _question_lines(s: int, q: int) -> list[str]:
    qid = f"q_{s}_{q}"
    lines = [f"      - id: {qid}"]
    if q % 2 == 0:
        lines += ["        type: number", f"        label: Quantité {s}-{q}", "        min: 0"]
    else:
        lines += ["        type: bool", f"        label: Pratique {s}-{q} en place ?"]
    if q > 0:
        previous = f"q_{s}_{q - 1}"
        condition = f"{previous} > 10" if (q - 1) % 2 == 0 else f"not {previous}"
        lines.append(f"        visible_if: {condition} or answered(q_{s}_0)")
    return lines


def _cold_load(path: Path) -> None:
    """Load with the expression cache emptied: a device's first load, not a repeat."""
    parse.cache_clear()
    load_questionnaire(path)


def bench_load(path: Path, label: str, runs: int) -> None:
    text = path.read_text(encoding="utf-8")
    baseline = median(samples_ms(lambda: yaml.load(text, Loader=yaml.CSafeLoader), runs))
    ours = median(samples_ms(lambda: _cold_load(path), runs))
    ratio = ours / baseline
    print(
        f"{label:<34} chargement {ours:7.1f} ms | analyse YAML seule {baseline:7.1f} ms "
        f"| ratio {ratio:4.2f}x"
    )


def bench_generated_load(folder: Path) -> None:
    path = folder / "genere.yaml"
    path.write_text(generated_questionnaire(20, 50), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    baseline = median(samples_ms(lambda: yaml.load(text, Loader=yaml.CSafeLoader), 7))
    ours = median(samples_ms(lambda: _cold_load(path), 7))
    ratio = ours / baseline
    ok = ours < 300 and ratio < 3
    print(
        f"1 000 questions (20 x 50, visible_if) chargement {ours:.1f} ms | analyse YAML seule "
        f"{baseline:.1f} ms | ratio {ratio:.2f}x (cible < 300 ms et < 3x) {verdict(ok)}"
    )


def bench_reevaluation(folder: Path) -> None:
    path = folder / "audit200.yaml"
    path.write_text(generated_questionnaire(4, 50), encoding="utf-8")
    questionnaire = load_questionnaire(path)
    answers = {
        q.id: Answer(value=_value_for(q.type.value, i))
        for i, q in enumerate(questionnaire.questions())
    }
    first = questionnaire.questions()[0].id
    flip = [0]

    def change_one_answer_and_reevaluate() -> None:
        flip[0] += 1
        answers[first] = Answer(value=flip[0] % 40)
        evaluate(questionnaire, answers)

    ours = samples_ms(change_one_answer_and_reevaluate, 500)
    baseline = samples_ms(_raw_python_eval(questionnaire, answers), 500)
    ratio = median(ours) / median(baseline)
    print(
        f"réévaluation 200 questions après une réponse : médiane {median(ours):.2f} ms, "
        f"p95 {p95(ours):.2f} ms | eval() Python brut {median(baseline):.2f} ms "
        f"| ratio {ratio:.1f}x "
        f"(cible < 5 ms) {verdict(p95(ours) < 5)}"
    )


def _value_for(kind: str, index: int) -> object:
    return index % 30 if kind == "number" else index % 3 == 0


def _raw_python_eval(questionnaire, answers):  # type: ignore[no-untyped-def]
    """Baseline: the same conditions compiled by CPython and run with eval() on a dict."""
    rules = rules_of(questionnaire)
    codes = [
        compile(e.source.replace("answered(", "_answered("), "<c>", "eval")
        for e in rules.visible.values()
    ]
    values = {qid: a.value for qid, a in answers.items()}
    scope = {**values, "_answered": lambda v: v is not None}

    def run() -> None:
        for code in codes:
            eval(code, {"__builtins__": {}}, scope)

    return run


def main() -> None:
    for path in questionnaire_files(QUESTIONNAIRES):
        try:
            bench_load(path, path.name, 15)
        except QuestionnaireError as error:
            print(f"{path.name} : non mesuré, le fichier a des erreurs ({len(error.problems)})")
    with tempfile.TemporaryDirectory() as folder:
        bench_generated_load(Path(folder))
        bench_reevaluation(Path(folder))


if __name__ == "__main__":
    main()
