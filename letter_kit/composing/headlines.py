"""What a letter is called in a language (the email's Subject, the title of its PDF
and Word files), with the composers that said it kept for the next copy."""

from __future__ import annotations

from collections.abc import Sequence

from ..workspace.records import Workspace
from .composer import Composer, composer


def headline(
    ws: Workspace, letter_id: str, lang: str, recipients: Sequence[str] | None = None
) -> str:
    """What the letter is called in ``lang`` (see :meth:`Composer.title`): the email's
    Subject, the title of its PDF and Word files."""
    key = (letter_id, lang)
    known = _HEADLINES.get(key)
    if known is None or known[0] is not ws:
        known = _HEADLINES[key] = (ws, composer(ws, letter_id, lang))
        while len(_HEADLINES) > 8:
            del _HEADLINES[next(iter(_HEADLINES))]
    return known[1].title(recipients)


# The composers headline() made last: a letter's copies are titled one by one.
_HEADLINES: dict[tuple[str, str], tuple[Workspace, Composer]] = {}
