"""Text normalisation shared by dedup and the hashing embedder.

Dedup must treat "家人们，这支口红！" and "家人们,这支口红!" as the same script, so normalisation folds
full-width forms (NFKC), case and whitespace; punctuation is kept out of the dedup key for the same reason.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_PUNCT_CATEGORIES = ("P", "S", "Z", "C")


@functools.lru_cache(maxsize=256)
def normalize_text(text: str) -> str:
    """NFKC + lower case + collapsed whitespace: the canonical form every feature is computed from.

    Cached (a pure function of the text): one write-back normalised the same script four times
    (acceptable, dedup key, and the jieba and character features of its embedding), ~15 us each."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _SPACE_RE.sub(" ", folded).strip()


_DROPPED: dict[str, bool] = {}  # character -> whether strip_punctuation drops it, filled on first sight
_DROPPED_MAX = 65536  # bounded: past it a new character is decided each time, not remembered


def _dropped(ch: str) -> bool:
    drop = unicodedata.category(ch).startswith(_PUNCT_CATEGORIES)
    if len(_DROPPED) < _DROPPED_MAX:
        _DROPPED[ch] = drop
    return drop


def strip_punctuation(text: str) -> str:
    """Drop punctuation, symbols, separators and control characters (kept: letters, digits, CJK).
    A seen character is one dict lookup instead of a `unicodedata.category` call and a prefix test
    (every write-back's dedup key runs this over the whole script)."""
    seen = _DROPPED
    return "".join([ch for ch in text if not (seen[ch] if ch in seen else _dropped(ch))])


def dedup_key(tenant: str, text: str) -> str:
    """Deterministic id for (tenant, normalised text): the store refuses a second item with this key."""
    canonical = strip_punctuation(normalize_text(text))
    digest = hashlib.sha256(f"{tenant}\x00{canonical}".encode()).hexdigest()
    return digest[:32]
