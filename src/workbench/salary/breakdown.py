"""A pay figure broken down right after it into a base and a variable part: a total, not base.

"Доход 100 000 – 150 000 ₽ (оклад 50 000 ₽ + KPI)", "Income £40,000 - £55,000 (basic £28,000
+ bonus)", "Доход до 200 000 ₽, из них оклад 70 000 ₽": the first figure is what the job earns
in all, the base is the figure the text calls base (оклад, base, basic). The first figure is
then on-target earnings (component ``ote``) when a bonus or commission stands right after the
base ("+ KPI", "plus commission"): bench counts it in total target cash, never as base;
otherwise a total (component ``total``: "Up to £51,762 (£44,447-£46,547 base salary plus a
Digital Allowance of up to £5,215)"), which bench never counts as base nor adds to the base.
Either way the record's base pay is the base figure. A figure the bracket after it only
calls base plus a bonus ("(оклад + бонус)"), in a text stating no base figure, is the pay the
text advertises: the only statement of it, as the labelled sets read it (income only).

Rule (running text only; a pay field is read as written): a mention of component
``unspecified`` with an amount, followed, in the same line and with no sentence end between,
by a mention of component ``base`` of the same currency and period, the gap between them at
most ``_MAX_GAP`` characters opening a breakdown (a bracket, "из них", "в т.ч.", "including",
"of which"), the base's amounts inside the first figure's (its low end no higher than the
first's low end, its high end below the first's high end).
"""

from __future__ import annotations

import re

from .model import SalaryMention
from .tiers import _ends

__all__ = ["with_totals"]

_MAX_GAP = 24
_OPENS = re.compile(r"\(|из[ \u00a0]них|в[ \u00a0]т\.[ \u00a0]?ч\.|в[ \u00a0]том[ \u00a0]числе|включая|"
                    r"(?<![a-z])(?:including|of[ \u00a0]which)(?![a-z])", re.IGNORECASE)


def _broken_down(text: str, total: SalaryMention, base: SalaryMention) -> bool:
    if (total.component != "unspecified" or base.component != "base" or total.masked
            or total.currency != base.currency or total.period != base.period
            or (total.low is None and total.high is None) or (base.low is None and base.high is None)):
        return False
    gap = text[total.end:base.start]
    if len(gap) > _MAX_GAP or "\n" in gap or ". " in gap or _OPENS.search(gap) is None:
        return False
    (t_low, t_high), (b_low, b_high) = _ends(total), _ends(base)
    return b_low <= t_low and b_high < t_high


_VARIABLE = frozenset({"bonus", "commission", "ote"})


def with_totals(mentions: list[SalaryMention], text: str) -> list[SalaryMention]:
    """``mentions`` with each figure broken down into its base right after it marked as
    on-target earnings, or as a total when the part beside the base is no bonus or
    commission (module doc); the mentions are changed in place. A figure only named a sum
    of base and bonus by a bracket after it ("от 1 700 до 2 300 руб. (оклад + бонус)"), in a
    text that states no base figure, is the advertised pay (``unspecified``), as the same
    figure is with more words in the bracket ("(оклад + премия за выполнение плана)")."""
    for k in range(len(mentions) - 1):
        if _broken_down(text, mentions[k], mentions[k + 1]):
            beside = mentions[k + 2] if k + 2 < len(mentions) else None
            variable = beside is not None and beside.component in _VARIABLE and \
                beside.start - mentions[k + 1].end <= _MAX_GAP
            mentions[k].component = "ote" if variable else "total"
    if any(m.component == "total" for m in mentions) and not any(
            m.component == "base" and (m.low is not None or m.high is not None) for m in mentions):
        for m in mentions:
            if m.component == "total" and (m.low is not None or m.high is not None) and \
                    _SUM_BRACKET.search(m.text) is not None:
                m.component = "unspecified"
    return mentions


# A bracket naming a figure base plus a variable part ("(оклад + бонус)", "(base + bonus)").
_SUM_BRACKET = re.compile(r"\((?:оклад|base|basic|底薪)[ \u00a0]*\+", re.IGNORECASE)
