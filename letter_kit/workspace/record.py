"""The base of every record model: strict about unknown fields, immutable once loaded."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    """Base of every model: strict about unknown fields, immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)
