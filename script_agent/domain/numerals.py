"""Chinese numerals as hosts and users write them (五十九, 一百二, 十二, 两): one parser for every rule.

Shared by the compliance price rules (amounts read out on stream) and the intent slots (durations,
"第二段"), which must agree on what a number is.
"""

from __future__ import annotations

CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text: str) -> float | None:
    """五十九 → 59, 一百二 → 120 (a trailing digit after 百/千 counts one unit down); None if not a number."""
    total, digit, last_unit = 0, None, 1
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            last_unit = CN_UNITS[ch]
            total += (1 if digit is None else digit) * last_unit
            digit = None
        else:
            return None
    if digit is not None:
        total += digit * (last_unit // 10 if last_unit >= 100 else 1)
    return float(total) if total else None


def small_number(token: str) -> int | None:
    """'2' → 2, '二' → 2, '十二' → 12, '二十' → 20: a count or an ordinal in a request."""
    if token.isdigit():
        return int(token)
    value = cn_number(token)
    return int(value) if value is not None else None
