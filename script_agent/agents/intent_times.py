"""Spoken durations read as seconds before the duration rules see them (round 14).

Why a step of its own: the duration tables read one number with one unit (四十秒 / 两分钟 / 一分半), but
a host times a script the way it is said aloud: minutes and seconds together (一分一十五秒 / 一分钟二十秒),
seconds past a hundred (一百二十秒), and 来 for "about" (三分来钟 / 四十来秒). Folding these into one
number of seconds keeps the tables as they are; the writer still gets the words as said.
"""

from __future__ import annotations

import re

from script_agent.domain.numerals import small_number

_N = "[0-9]{1,3}|[零一二两三四五六七八九十百]{1,5}"
# 一分一十五秒 / 一分钟二十秒 / 2分30秒: minutes and seconds in one time
MIN_SEC = re.compile(f"({_N})\\s*分(?:钟)?\\s*(?:零)?({_N})\\s*秒")
# 一百二十秒: seconds counted past a hundred
HUNDRED_SEC = re.compile("([一二两三]百[零一二三四五六七八九十]{0,3})\\s*秒")
# 三分来钟 / 四十来秒 / 两分钟来: 来 for about, a round time
ABOUT = re.compile(f"({_N})(?:分来钟|来分钟)|({_N})来秒")
_GATE = re.compile("分|百|来")


def _count(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return small_number(token.replace("两", "二").replace("零", ""))


def _min_sec(m: re.Match[str]) -> str:
    minutes, seconds = _count(m.group(1)), _count(m.group(2))
    if minutes is None or seconds is None or seconds >= 60:
        return m.group(0)
    return f"{minutes * 60 + seconds}秒"


def _hundred(m: re.Match[str]) -> str:
    seconds = _count(m.group(1))
    return f"{seconds}秒" if seconds is not None else m.group(0)


def _about(m: re.Match[str]) -> str:
    return f"{m.group(1)}分钟" if m.group(1) else f"{m.group(2)}秒"


def spoken_times(text: str) -> str:
    """The text with spoken compound times as one number of seconds (most turns have none)."""
    if _GATE.search(text) is None:
        return text
    text = MIN_SEC.sub(_min_sec, text)
    text = HUNDRED_SEC.sub(_hundred, text)
    return ABOUT.sub(_about, text)
