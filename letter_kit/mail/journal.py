"""The send journal: what happened to each message, durably, one JSON line per attempt."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import OutputError


@dataclass(frozen=True)
class Entry:
    """One attempt at one message, as the journal keeps it."""

    recipient: str
    content_hash: str
    message_id: str
    status: Literal["accepted", "failed", "deferred"]
    reply: str
    time: str


class Journal:
    """Append-only JSON lines, each flushed to disk before the next message goes."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[Entry]:
        """What the journal holds; a last line cut short by a crash is ignored."""
        if not self.path.exists():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(Entry(**json.loads(line)))
            except (json.JSONDecodeError, TypeError):
                continue
        return out

    def accepted(self) -> dict[str, Entry]:
        """The last accepted entry for each recipient."""
        return {e.recipient: e for e in self.entries() if e.status == "accepted"}

    def append(self, entry: Entry) -> None:
        """Record an attempt durably."""
        line = json.dumps(entry.__dict__, ensure_ascii=False) + "\n"
        try:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(f"cannot write the journal {self.path}: {exc.strerror}") from exc
