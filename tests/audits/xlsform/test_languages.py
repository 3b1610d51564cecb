"""Which language of a multilingual form becomes the text of the questionnaire."""

from __future__ import annotations

from collections import Counter

import pytest

from audits.xlsform.languages import choose_language, is_french, text_in


@pytest.mark.parametrize("name", ["French (fr)", "fr", "fr-FR", "Français", "francais", "French"])
def test_the_usual_spellings_of_french_are_recognised(name):
    assert is_french(name)


@pytest.mark.parametrize("name", ["English (en)", "Frisian (fy)", "default", "Afrikaans (af)"])
def test_other_languages_are_not_taken_for_french(name):
    assert not is_french(name)


def test_french_wins_then_the_default_language_then_the_most_used_one():
    counts = Counter({"English (en)": 9, "French (fr)": 2, "Swahili (sw)": 9})
    assert choose_language(counts, None, "Swahili (sw)") == "French (fr)"
    del counts["French (fr)"]
    assert choose_language(counts, None, "Swahili (sw)") == "Swahili (sw)"
    assert choose_language(Counter({"a": 1, "b": 5}), None, None) == "b"
    assert choose_language(counts, "English (en)", "Swahili (sw)") == "English (en)"


def test_a_missing_cell_falls_back_to_the_untagged_text_then_to_any_language():
    assert text_in({"default": "Nom", "English": "Name"}, "French") == "Nom"
    assert text_in({"English": "Name"}, "French") == "Name"
    assert text_in("Nom", "French") == "Nom"
    assert text_in(None, "French") is None
