"""Status pills stay readable: 12 px text on a pale background needs 4.5:1 (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from app.views import follow_up, plan
from app.views.campaign import STATUS_COLOURS
from app.views.widgets import status_pill
from audits.collective.sections import STATUS

AA = 4.5


def luminance(colour: str) -> float:
    """WCAG relative luminance of an « #RRGGBB » colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, background: str) -> float:
    light, dark = sorted((luminance(text), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_gives_the_known_ratios():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("#5EA04A", "#E8F3E3") == pytest.approx(2.78, abs=0.01)  # the old green


@pytest.mark.parametrize("status", ["draft", "completed", "signed", "inconnu"])
def test_every_audit_status_pill_reaches_aa(status):
    pill = status_pill(status)
    assert contrast(pill.content.color, pill.bgcolor) >= AA, pill.content.value


@pytest.mark.parametrize("status", sorted(STATUS_COLOURS))
def test_every_campaign_progress_pill_reaches_aa(status):
    ink, background = STATUS_COLOURS[status]
    assert contrast(ink, background) >= AA, STATUS.get(status, status)


@pytest.mark.parametrize(
    "colours",
    [*plan.STATUS_COLORS.values(), plan.REGULATORY_COLOURS, follow_up.DONE_COLOURS],
)
def test_every_plan_and_follow_up_pill_reaches_aa(colours):
    ink, background = colours
    assert contrast(ink, background) >= AA
