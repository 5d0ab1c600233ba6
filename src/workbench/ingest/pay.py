"""Pay values in structured fields, checked before they become a pay text.

A reader renders a structured pay value (a JSON-LD ``baseSalary`` amount, a numeric
spreadsheet cell, a pay column) into the posting's ``salary_raw`` text, which the
salary engine then reads. Two kinds of value would come out wrong there without a
word, so the item that holds one is refused with the reason instead:

* **negative amounts** (``-35000``, ``"-£35,000"``): the salary engine reads the
  figure and drops the sign, so a negative pay would enter the benchmark as positive;
* **values that are not amounts** where a number belongs: an object or list
  (``{"x": 1}``, whose text "{'x': 1}" reads as £1 an hour), a true/false, NaN or
  infinity.

Pay *text* (``"£30k-£35k"``, ``"competitive"``) stays text: it is the salary engine's to
read. A pay field that is a range written with a dash (``30000-35000``) is not negative.
"""

from __future__ import annotations

import math
import re
from typing import Any

# A minus sign (hyphen-minus, U+2212, U+2012, U+2013) right before an amount,
# optionally behind a currency sign: "-35000", "−£35,000", "£-35,000".
_NEGATIVE = re.compile(r"^\s*(?:[£$€₽¥]\s*)?[-\u2212\u2012\u2013]\s*(?:[£$€₽¥]\s*)?\d")
_PLAIN_NUMBER = re.compile(r"^\s*[-\u2212]?\s*\d[\d,\s]*(?:\.\d+)?\s*$")


def amount_problem(value: Any, where: str) -> str | None:
    """Why ``value`` cannot be a pay amount in ``where`` (a field name), or None.

    None and empty values are fine (no amount); numbers must be finite and not negative;
    numeric text must not be negative; objects, lists and booleans are refused.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _refused(where, f"holds {str(value).lower()}, not an amount")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return _refused(where, f"holds {value}, not an amount")
        if value < 0:
            return _refused(where, f"holds a negative amount ({value:g})")
        return None
    if isinstance(value, (dict, list, tuple)):
        kind = "an object" if isinstance(value, dict) else "a list"
        return _refused(where, f"holds {kind} ({_short(value)}), not an amount")
    if isinstance(value, str) and _NEGATIVE.match(value):
        return _refused(where, f"holds a negative amount ({_short(value)})")
    return None


def plain_number(value: Any) -> float | None:
    """``value`` as a number when it is one or is written as a plain number ("35,000"), else None."""
    if isinstance(value, bool):
        return None
    try:
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str) and _PLAIN_NUMBER.match(value):
            return float(re.sub(r"[,\s]", "", value).replace("\u2212", "-"))
    except (ValueError, OverflowError):  # OverflowError: an integer beyond float's range
        return None
    return None


def pay_field_problem(value: Any, column: str | None) -> str | None:
    """Why a pay column's value (CSV cell, spreadsheet cell, flat JSON value) is refused, or None."""
    if column is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None  # an empty spreadsheet cell read by pandas
    return amount_problem(value, f"pay field {column!r}")


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else value.strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _refused(where: str, what: str) -> str:
    return (f"pay refused: {where} {what}; fix or empty that field and ingest again (the item was "
            f"not ingested, so its pay is not misread)")


# The keys a schema.org MonetaryAmount (and the QuantitativeValue in its ``value``) may carry.
_MONETARY_KEYS = frozenset(("@type", "@context", "@id", "currency", "value", "unitText", "unitCode",
                            "minValue", "maxValue", "name", "description"))
_AMOUNT_KEYS = ("minValue", "maxValue", "value")


def _amounts(base: dict) -> dict[str, Any]:
    """The amount slots of a MonetaryAmount: its own ``value`` or those of its QuantitativeValue."""
    value = base.get("value")
    if isinstance(value, dict):
        return {f"value.{key}": value.get(key) for key in _AMOUNT_KEYS if value.get(key) is not None}
    slots = {key: base.get(key) for key in ("minValue", "maxValue") if base.get(key) is not None}
    if value is not None:
        slots["value"] = value
    return slots


def _range_problem(slots: dict[str, Any]) -> str | None:
    low = plain_number(slots.get("value.minValue", slots.get("minValue")))
    high = plain_number(slots.get("value.maxValue", slots.get("maxValue")))
    if low is not None and high is not None and low > high:
        return _refused("baseSalary", f"has its minValue ({low:g}) above its maxValue ({high:g})")
    return None


def structured_pay_problem(base: Any) -> str | None:
    """Why a JSON-LD ``baseSalary`` (MonetaryAmount, list of them, or text) is refused, or None.

    Each amount slot (``value``, ``minValue``, ``maxValue``, also inside a
    QuantitativeValue) must be a number or text that is not negative; a range must not
    run backwards; an object that is no MonetaryAmount (``{"x": 1}``) is refused.
    """
    if base is None:
        return None
    if isinstance(base, list):
        return next((why for why in map(structured_pay_problem, base) if why), None)
    if not isinstance(base, dict):
        return amount_problem(base, "baseSalary")
    value = base.get("value")
    if isinstance(value, dict) and set(value) - _MONETARY_KEYS:
        return _refused("baseSalary", f"value is {_short(value)}, not a QuantitativeValue with an amount")
    slots = _amounts(base)
    if not slots and set(base) - _MONETARY_KEYS:
        return _refused("baseSalary", f"is {_short(base)}, not a MonetaryAmount")
    for name, amount in slots.items():
        why = amount_problem(amount, f"baseSalary {name}")
        if why:
            return why
    return _range_problem(slots)
