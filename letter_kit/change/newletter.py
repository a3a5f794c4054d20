"""``letterkit new``: a letter file started from a visit, an earlier letter, or just
its recipients.

What the data already says is filled in: for a visit, the recipient (the visitor), the
date letters should go out by and the subject naming the visit; with ``--from``, the
demands, cases and signatories of an earlier letter. A letter tied to no visit is
dated today. What only a person can write is left as ``TODO`` text in each language,
which ``letterkit check`` reports once the letter is final.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..composing.i18n import load_language
from ..errors import LetterkitError, MissingInputError, UsageError
from ..files import create_new
from ..workspace.fields import ID_PATTERN
from ..workspace.models import TODO_MARK, Letter
from ..workspace.occasions import occurrence
from ..workspace.records import DATA_DIR, LETTERS_DIR, Workspace
from ..workspace.yamlsource import parse
from .store import dump_yaml


def new_letter(
    ws: Workspace,
    letter_id: str,
    *,
    today: date,
    visit_id: str | None = None,
    base: str | None = None,
    kind: str = "open-letter",
    languages: Sequence[str] | None = None,
    recipients: Sequence[str] | None = None,
) -> Path:
    """Write ``data/letters/<letter_id>.yaml``; refuse if it exists. Return its path.

    Without ``visit_id`` the letter is tied to no visit: it is dated ``today`` and goes
    to ``recipients``, else to those of the letter ``base``.
    """
    with ws.texts():  # a text missing in a language stops it before anything is written
        path, content = _new_letter(
            ws,
            letter_id,
            visit_id=visit_id,
            today=today,
            base=base,
            kind=kind,
            languages=languages,
            recipients=recipients,
        )
    create_new(path, content)
    return path


# The languages of a new letter when neither --lang, --from nor [defaults] says.
NEW_LETTER_LANGUAGES = ("en", "vi")


def _new_letter(
    ws: Workspace,
    letter_id: str,
    *,
    visit_id: str | None,
    today: date,
    base: str | None,
    kind: str,
    languages: Sequence[str] | None,
    recipients: Sequence[str] | None,
) -> tuple[Path, bytes]:
    if not re.match(ID_PATTERN, letter_id):
        raise UsageError(
            f"'{letter_id}' is not a valid letter id",
            hint="use lowercase letters, digits and hyphens, e.g. harris-2021",
        )
    path = ws.root / DATA_DIR / LETTERS_DIR / f"{letter_id}.yaml"
    visit = _known(ws.visits, visit_id, "visit", "letterkit visits --all") if visit_id else None
    earlier = (
        ws.letters[_known(ws.letters, base, "letter", "letterkit list letters")] if base else None
    )
    if ws.template(f"{kind}/letter.md.j2") is None:
        raise UsageError(
            f"no letter kind '{kind}'", hint="the kinds are open-letter and press-release"
        )
    press = kind == "press-release"
    if press and earlier is None:
        raise UsageError("a press release announces a letter: name it with --from LETTER")
    default = ws.defaults.languages or NEW_LETTER_LANGUAGES
    langs = list(languages or (earlier.languages if earlier else default))
    todo = {code: load_language(code, ws.template_dirs()).gettext("TODO: write this text.")
            for code in langs}  # fmt: skip
    when = occurrence(visit, ws.visits[visit], today) if visit else None
    if press and visit is None and earlier is not None:
        visit = earlier.visit  # the letter's own visit, if it has one: none is invented

    data: dict[str, Any] = {"kind": kind, "status": "draft"}
    if visit is not None:
        data["visit"] = visit
    data["date"] = when.send_by if when else today
    data["languages"] = _flow(langs)
    if press:
        data["about"] = base
        data["title"] = dict(todo)
        data["subtitle"] = dict(todo)
        data["place"] = dict(todo)
    else:
        chosen, groups = list(recipients or []), []
        for rid in chosen:
            _known(ws.recipients, rid, "recipient", "letterkit list recipients")
        if not chosen and when is not None and when.visit.visitor:
            chosen = [when.visit.visitor]
        if not chosen and earlier is not None:
            chosen, groups = list(earlier.recipients), list(earlier.groups)
        if not chosen and not groups:
            whom = f"visit '{visit}' has no visitor" if visit else "no visit, no recipient"
            raise UsageError(
                f"{whom}: say who the letter is to",
                hint="--recipient ID (see 'letterkit list recipients'), or --from LETTER"
                + ("" if visit else ", or --visit VISIT"),
            )
        if chosen:
            data["recipients"] = _flow(chosen)
        if groups:
            data["groups"] = _flow(groups)
        if earlier is not None and earlier.sender:
            data["sender"] = earlier.sender
        if when is not None:
            data["subject"] = {code: when.visit.occasion.get(code) for code in langs}
        else:
            data["subject"] = dict(todo)
    data["body"] = {code: _block(text) for code, text in todo.items()}
    if earlier is not None and not press:
        data.update(_copied(earlier))
    return path, _content(path, letter_id, data, visit, base)


def _known(records: dict[str, Any], record_id: str | None, noun: str, command: str) -> str:
    if record_id is not None and record_id in records:
        return record_id
    close = difflib.get_close_matches(record_id or "", list(records), n=1)
    raise MissingInputError(
        f"no {noun} '{record_id}'",
        hint=(f"did you mean '{close[0]}'? " if close else "") + f"'{command}' shows them",
    )


def _copied(earlier: Letter) -> dict[str, Any]:
    """The demands, cases and signatories of an earlier letter (without join dates)."""
    out: dict[str, Any] = {}
    if earlier.demands is not None:
        demands = earlier.demands.model_dump(exclude_none=True, exclude_defaults=False)
        if "intro" in demands:
            demands["intro"] = {k: _block(v) for k, v in demands["intro"].items()}
        out["demands"] = demands
    if earlier.cases:
        out["cases"] = list(earlier.cases)
    if earlier.signatories is not None:
        entries = []
        for entry in earlier.signatories.entries:
            kept = entry.model_dump(include={"org", "person", "tier", "listed"}, exclude_none=True)
            if kept.get("listed", True):
                kept.pop("listed", None)
            entries.append(_flow(kept))
        out["signatories"] = {"order": earlier.signatories.order, "entries": entries}
    return out


def _flow(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = CommentedMap(value) if isinstance(value, dict) else CommentedSeq(value)
    node.fa.set_flow_style()
    return node


def _block(text: str) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    return LiteralScalarString(text.rstrip("\n") + "\n")


def _content(
    path: Path, letter_id: str, data: dict[str, Any], visit: str | None, base: str | None
) -> bytes:
    sources = ([f"visit {visit}"] if visit else []) + ([f"letter {base}"] if base else [])
    origin = " and ".join(sources) or "its recipients"
    text = (
        f"# {letter_id}: started by letterkit new from {origin}.\n"
        f"# Replace every {TODO_MARK} before setting status: final.\n" + dump_yaml(data)
    )
    try:
        Letter.model_validate(parse(text, path).data)
    except ValidationError as exc:  # a bug: the data above is built to be valid
        raise LetterkitError(f"letterkit new made an invalid letter: {exc}") from None
    return text.encode("utf-8")
