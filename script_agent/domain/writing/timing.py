"""Spoken length: the one rate every target and measurement uses.

Why 4.5 characters per second: Chinese live-commerce hosts speak roughly 4-5 characters a second
(faster in promotion pushes, slower in demonstrations). Spoken characters are what the host says:
Han characters, letters and digits; punctuation and stage cues ([展示]) take no speaking time.
"""

from __future__ import annotations

import re

CHARS_PER_SECOND = 4.5
RATE_RANGE = (4.0, 5.0)
MIN_DURATION_S = 15
MAX_DURATION_S = 300
# A medium script per scene, in seconds: an opening is a quick welcome, selling points take longest.
SCENE_MEDIUM_S: dict[str, int] = {
    "opening": 35, "product_intro": 60, "selling_points": 75, "promotion": 45, "closing": 30,
}  # fmt: skip
LENGTH_FACTORS: dict[str, float] = {"short": 0.5, "medium": 1.0, "long": 2.0}
TOLERANCE = 0.2  # a script counts as on target within ±20%

_CUE = re.compile(r"\[[^\]]{1,8}\]")
_SPOKEN = re.compile(r"[0-9A-Za-z\u3400-\u9fff]")


def target_seconds(scene: str, length: str | None = None, duration_s: int | None = None) -> int:
    """An explicit duration wins; otherwise the scene's medium length scaled by the preset."""
    if duration_s is not None:
        seconds = float(duration_s)
    else:
        seconds = SCENE_MEDIUM_S.get(scene, 60) * LENGTH_FACTORS.get(length or "medium", 1.0)
    return int(max(MIN_DURATION_S, min(MAX_DURATION_S, round(seconds))))


def target_chars(seconds: float) -> int:
    return round(seconds * CHARS_PER_SECOND)


def spoken_chars(text: str) -> int:
    return len(_SPOKEN.findall(_CUE.sub("", text)))


def spoken_seconds(text: str, rate: float = CHARS_PER_SECOND) -> float:
    return spoken_chars(text) / rate


def within_target(text: str, seconds: float) -> bool:
    return abs(spoken_seconds(text) - seconds) <= TOLERANCE * seconds
