"""The send journal: what happened to each message, durably, one JSON line per step.

Each message is known by a key (the recipient's id, or the address given with
``--to``). Before a message goes, a ``sending`` line is written and flushed to disk;
after the server's answer, its outcome: ``accepted``, ``failed`` (refused for good),
``deferred`` (refused for now, or the connection lost before the message was sent) or
``unknown`` (the message was sent but no answer came: it may have been delivered).
The last line of a key says where its message stands; a message whose last line is
``sending`` (the run was killed, or its outcome could not be written) is unknown too.
So a message is never sent twice without being asked, and never lost silently.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Literal

from ..errors import OutputError

Status = Literal["sending", "accepted", "failed", "deferred", "unknown"]
# Where a message may have reached its recipient: not sent again unless asked.
MAYBE_DELIVERED: frozenset[str] = frozenset({"sending", "unknown"})


@dataclass(frozen=True)
class Entry:
    """One step of one message, as the journal keeps it."""

    recipient: str  # the message's key
    content_hash: str
    message_id: str
    status: Status
    reply: str
    time: str
    address: str = ""  # where it went (the key may be a recipient's id)


_FIELDS = {f.name for f in fields(Entry)}


class Journal:
    """Append-only JSON lines, each flushed to disk before the next step."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _refuse_link(self) -> None:
        if self.path.is_symlink():
            raise OutputError(
                f"the journal {self.path} is a link; letterkit writes it only as a file",
                hint="remove the link: the journal belongs in the outbox folder",
            )

    def entries(self) -> list[Entry]:
        """What the journal holds; a last line cut short by a crash is ignored."""
        self._refuse_link()
        if not self.path.exists():
            return []
        out = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                values = json.loads(line)
                out.append(Entry(**{k: v for k, v in values.items() if k in _FIELDS}))
            except (json.JSONDecodeError, TypeError, AttributeError):
                continue
        return out

    def latest(self) -> dict[str, Entry]:
        """Where each message stands: the last entry of each key."""
        return {entry.recipient: entry for entry in self.entries()}

    def accepted(self) -> dict[str, Entry]:
        """The messages the server accepted, by key."""
        return {k: e for k, e in self.latest().items() if e.status == "accepted"}

    def append(self, entry: Entry) -> None:
        """Record a step durably (never through a link)."""
        self._refuse_link()
        line = (json.dumps(asdict(entry), ensure_ascii=False) + "\n").encode("utf-8")
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        try:
            handle = os.open(self.path, flags, 0o644)
            try:
                os.write(handle, line)
                os.fsync(handle)
            finally:
                os.close(handle)
        except OSError as exc:
            raise OutputError(f"cannot write the journal {self.path}: {exc.strerror}") from exc
