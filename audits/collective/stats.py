"""Counting over the visited shops: score distributions, findings, actions, obligations.

Shares are over the shops visited (audit completed or signed): a shop planned but not seen
yet has no answers and must not dilute « 38 % des commerces laissent la porte ouverte ».
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from audits.collective.models import (
    ActionStat,
    Distribution,
    FindingStat,
    LevelCount,
    ObligationStat,
    ShopLine,
    ShopResult,
)
from audits.questionnaire import Questionnaire

TOP_FINDINGS = 12
TOP_ACTIONS = 15


def distribution(
    questionnaire: Questionnaire, theme: str, title: str, scores: Sequence[float | None]
) -> Distribution:
    """Mean, median, range and the count of shops per maturity level of one theme."""
    known = [s for s in scores if s is not None]
    bands = sorted(questionnaire.maturity, key=lambda m: m.min)
    levels = [
        LevelCount(
            label=band.label,
            minimum=band.min,
            count=sum(1 for s in known if band.min <= s < _upper(bands, index)),
        )
        for index, band in enumerate(bands)
    ]
    if not known:
        return Distribution(theme=theme, title=title, shops=0, levels=levels)
    return Distribution(
        theme=theme,
        title=title,
        shops=len(known),
        mean=round(statistics.fmean(known), 1),
        median=round(statistics.median(known), 1),
        minimum=min(known),
        maximum=max(known),
        levels=levels,
    )


def _upper(bands: Sequence[object], index: int) -> float:
    following = bands[index + 1] if index + 1 < len(bands) else None
    return float(getattr(following, "min", float("inf")) if following else float("inf"))


def theme_distributions(
    questionnaire: Questionnaire, visited: Sequence[ShopResult]
) -> list[Distribution]:
    return [
        distribution(questionnaire, t.id, t.title, [shop.themes.get(t.id) for shop in visited])
        for t in questionnaire.themes
    ]


def findings(questionnaire: Questionnaire, visited: Sequence[ShopResult]) -> list[FindingStat]:
    """Questions most often scored below their maximum, with the answer most often given."""
    answers: dict[str, Counter[str]] = {}
    for shop in visited:
        for question_id, text in shop.gaps.items():
            answers.setdefault(question_id, Counter())[text] += 1
    stats = []
    for question_id, counter in answers.items():
        shops = sum(counter.values())
        known = questionnaire.has_question(question_id)
        theme_id = questionnaire.theme_id_of(question_id) if known else None
        stats.append(
            FindingStat(
                question_id=question_id,
                question=questionnaire.question(question_id).label if known else question_id,
                theme=_theme_title(questionnaire, theme_id),
                shops=shops,
                share=_share(shops, len(visited)),
                common_answer=counter.most_common(1)[0][0],
            )
        )
    stats.sort(key=lambda s: (-s.shops, s.question_id))
    return stats[:TOP_FINDINGS]


def actions(visited: Sequence[ShopResult]) -> list[ActionStat]:
    """Actions most often kept in the plans (rejected lines left out), with summed figures."""
    kept: dict[str, list[ShopLine]] = {}
    for shop in visited:
        for line in shop.lines:
            if line.status != "rejected":
                kept.setdefault(line.action_key, []).append(line)
    stats = [_action(lines, len(visited)) for lines in kept.values()]
    stats.sort(key=lambda s: (-s.shops, -s.kwh, s.action_key))
    return stats[:TOP_ACTIONS]


def _action(lines: Sequence[ShopLine], visited: int) -> ActionStat:
    first = lines[0]

    def total(get: Callable[[ShopLine], float | None]) -> float:
        return round(sum(get(line) or 0.0 for line in lines), 1)

    return ActionStat(
        action_key=first.action_key,
        title=first.title,
        shops=len(lines),
        share=_share(len(lines), visited),
        accepted=sum(1 for line in lines if line.status in ("accepted", "done")),
        done=sum(1 for line in lines if line.status == "done"),
        kwh=total(lambda line: line.kwh),
        eur=total(lambda line: line.eur),
        kgco2e=total(lambda line: line.kgco2e),
        cost=total(lambda line: line.cost),
        aid=total(lambda line: line.aid),
    )


def obligations(visited: Sequence[ShopResult], titles: Mapping[str, str]) -> list[ObligationStat]:
    """Obligations found unmet at the visit: a regulatory line in the plan, whatever came next."""
    counter: Counter[str] = Counter()
    for shop in visited:
        counter.update({line.obligation for line in shop.lines if line.obligation})
    stats = [
        ObligationStat(
            obligation=key,
            title=titles.get(key, key),
            shops=count,
            share=_share(count, len(visited)),
        )
        for key, count in counter.items()
    ]
    return sorted(stats, key=lambda s: (-s.shops, s.obligation))


def _theme_title(questionnaire: Questionnaire, theme_id: str | None) -> str | None:
    return next((t.title for t in questionnaire.themes if t.id == theme_id), None)


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0
