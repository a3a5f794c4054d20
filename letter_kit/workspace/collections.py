"""The collections of records a workspace holds, named once.

Every other place derives from :data:`COLLECTIONS`: the files the loader reads, the
nouns in messages ("unknown organisation 'x'"), the kinds ``letterkit list`` knows and
what ``letterkit check`` counts. It imports nothing heavy, so the command line can
read it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

LETTERS = "letters"


@dataclass(frozen=True)
class Collection:
    """One kind of record: ``organizations`` in ``data/organizations.yaml``."""

    name: str  # the Workspace attribute, the data file's name, the kind in 'letterkit list'
    noun: str  # one record, in messages
    plural: str  # several records, in messages
    model: str  # the class in workspace/models.py
    counted: bool = True  # shown in what 'letterkit check' sums up

    @property
    def place(self) -> str:
        """Where the records are defined, relative to the workspace."""
        return "data/letters/" if self.name == LETTERS else f"data/{self.name}.yaml"

    def count(self, number: int) -> str:
        """``13 organisations``, ``1 person``."""
        return f"{number} {self.noun if number == 1 else self.plural}"


COLLECTIONS: tuple[Collection, ...] = (
    Collection("organizations", "organisation", "organisations", "Organization"),
    Collection("people", "person", "people", "Person"),
    Collection("recipients", "recipient", "recipients", "Recipient"),
    Collection("visits", "visit", "visits", "Visit", counted=False),
    Collection("laws", "law", "laws", "Law", counted=False),
    Collection("cases", "case", "cases", "Case"),
    Collection("demands", "demand", "demands", "Demand"),
    Collection("sources", "source", "sources", "Source"),
    Collection("facts", "fact", "facts", "Fact"),
    Collection(LETTERS, "letter", "letters", "Letter"),
)
BY_NAME = {c.name: c for c in COLLECTIONS}
DATA_FILES = tuple(c for c in COLLECTIONS if c.name != LETTERS)
"""The collections kept in one file each, ``data/<name>.yaml``; letters have a folder."""
