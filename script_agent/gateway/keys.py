"""API-key table: only SHA-256 hashes of keys are configured, never the keys themselves.

Format (AUTH_API_KEYS env var or the file at AUTH_API_KEYS_FILE, e.g. a mounted Secret):
    {"<sha256 hex of the key>": {"tenant": "shop-1", "role": "writer"}, ...}

Make a key and its entry with `python -m script_agent.gateway.keys <tenant> [role]`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

ROLES = ("reader", "writer", "admin")
TENANT_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class KeyEntry:
    digest: bytes  # raw 32-byte SHA-256 of the key
    tenant: str
    role: str


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def parse_table(raw: str, *, source: str) -> list[KeyEntry]:
    """Validate every entry at startup: a typo must stop the server, not silently lock a tenant out."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected an object of sha256 hex -> {{tenant, role}}")
    entries = []
    for digest, info in data.items():
        digest = str(digest).lower()
        if not _HEX64.match(digest):
            raise ValueError(f"{source}: key {digest[:12]}... is not a sha256 hex digest")
        if not isinstance(info, dict) or not TENANT_PATTERN.match(str(info.get("tenant", ""))):
            raise ValueError(f"{source}: entry {digest[:12]}... needs a valid tenant")
        role = str(info.get("role", "writer"))
        if role not in ROLES:
            raise ValueError(f"{source}: entry {digest[:12]}... has unknown role {role!r}")
        entries.append(KeyEntry(bytes.fromhex(digest), str(info["tenant"]), role))
    return entries


def load_table(inline: str | None, path: Path | None) -> list[KeyEntry]:
    entries: list[KeyEntry] = []
    if inline:
        entries += parse_table(inline, source="AUTH_API_KEYS")
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"AUTH_API_KEYS_FILE {path}: {exc.strerror or exc}") from exc
        entries += parse_table(text, source=str(path))
    return entries


class KeyTable:
    """Looks a presented key up by comparing digests in constant time against every entry."""

    def __init__(self, entries: list[KeyEntry]) -> None:
        self._entries = tuple(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, presented: str) -> KeyEntry | None:
        digest = hashlib.sha256(presented.encode()).digest()
        found = None
        for entry in self._entries:  # no early exit: timing does not depend on which entry matched
            if hmac.compare_digest(entry.digest, digest):
                found = entry
        return found


def main(argv: list[str]) -> int:
    if not argv or not TENANT_PATTERN.match(argv[0]) or (len(argv) > 1 and argv[1] not in ROLES):
        print("usage: python -m script_agent.gateway.keys <tenant> [reader|writer|admin]", file=sys.stderr)
        return 2
    key = "sk-" + secrets.token_urlsafe(32)
    role = argv[1] if len(argv) > 1 else "writer"
    print(f"key (give to the client, store nowhere else): {key}")
    print("entry for AUTH_API_KEYS / AUTH_API_KEYS_FILE:")
    print(json.dumps({hash_key(key): {"tenant": argv[0], "role": role}}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
