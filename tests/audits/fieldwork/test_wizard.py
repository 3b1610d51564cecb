"""The wizard's sections: live skip logic, progress, where an audit reopens."""

from __future__ import annotations

from audits.answers import answered
from audits.fieldwork.wizard import next_index, resume_index, wizard_state
from audits.store.answers import answers_of, save_answer
from audits.store.questionnaires import stored_questionnaire


def state_of(store, audit, reference):
    questionnaire = stored_questionnaire(store, audit.questionnaire_ref)
    return wizard_state(questionnaire, answers_of(store, audit.id), reference.numbers)


def test_an_answer_shows_the_questions_it_makes_relevant(store, audit, reference):
    before = state_of(store, audit, reference)
    assert not before.state.is_visible("conso_gaz_kwh")
    save_answer(store, audit.id, "energies", answered(["electricite", "gaz"]))
    after = state_of(store, audit, reference)
    assert after.state.is_visible("conso_gaz_kwh")
    contract = next(s for s in after.sections if s.id == "contrat")
    assert "conso_gaz_kwh" in contract.questions
    assert after.total > before.total


def test_progress_counts_visible_answerable_questions(store, answered_audit, reference):
    wizard = state_of(store, answered_audit, reference)
    assert wizard.answered > 30
    assert 0 < wizard.progress < 1
    assert wizard.missing == []
    profile = wizard.sections[0]
    assert profile.missing == [] and profile.answered <= profile.total


def test_hidden_sections_are_skipped_when_moving(store, audit, reference):
    wizard = state_of(store, audit, reference)
    hidden = [s.index for s in wizard.sections if not s.visible]
    assert hidden, "the cold and tertiary-decree sections start hidden"
    for index in range(len(wizard.sections)):
        target = next_index(wizard, index, 1)
        assert target is None or target not in hidden
    assert next_index(wizard, 0, -1) is None


def test_an_audit_reopens_where_the_advisor_left_it(store, audit, reference):
    wizard = state_of(store, audit, reference)
    assert resume_index(wizard, None) == 0
    assert resume_index(wizard, 3) == 3
    hidden = next(s.index for s in wizard.sections if not s.visible)
    assert resume_index(wizard, hidden) == 0
