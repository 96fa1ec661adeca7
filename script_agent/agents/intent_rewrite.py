"""One step every reading pass of the intent rules shares: a table of (pattern, replacement) applied in
order, optionally behind a gate pattern that must occur first (most turns carry none of a table's
words, so one search stands in for the whole table)."""

from __future__ import annotations

import re

Table = tuple[tuple[re.Pattern[str], str], ...]


def rewrite(text: str, table: Table, gate: re.Pattern[str] | None = None) -> str:
    if gate is not None and gate.search(text) is None:
        return text
    for pattern, word in table:
        text = pattern.sub(word, text)
    return text
