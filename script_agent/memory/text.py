"""Text normalisation shared by dedup and the hashing embedder.

Dedup must treat "家人们，这支口红！" and "家人们,这支口红!" as the same script, so normalisation folds
full-width forms (NFKC), case and whitespace; punctuation is kept out of the dedup key for the same reason.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_PUNCT_CATEGORIES = ("P", "S", "Z", "C")


def normalize_text(text: str) -> str:
    """NFKC + lower case + collapsed whitespace: the canonical form every feature is computed from."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return _SPACE_RE.sub(" ", folded).strip()


def strip_punctuation(text: str) -> str:
    """Drop punctuation, symbols, separators and control characters (kept: letters, digits, CJK)."""
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(_PUNCT_CATEGORIES))


def dedup_key(tenant: str, text: str) -> str:
    """Deterministic id for (tenant, normalised text): the store refuses a second item with this key."""
    canonical = strip_punctuation(normalize_text(text))
    digest = hashlib.sha256(f"{tenant}\x00{canonical}".encode()).hexdigest()
    return digest[:32]
