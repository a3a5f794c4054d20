"""The letterhead a letter chooses (none, its lead organisations, a row of logos) and
the workspace's ``[defaults]`` for it and for the layout conventions, in every format."""

from __future__ import annotations

import re
from pathlib import Path

from letter_kit import DraftOptions, draft, load_workspace
from letter_kit.document import Role
from letter_kit.workspace.config import CONFIG_FILE

from .conftest import Cli, snapshot
from .pages import page_texts, xobjects


def _letter(example: Path, name: str, old: str, new: str) -> None:
    path = example / "data" / "letters" / f"{name}.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _txt(example: Path, letter: str) -> str:
    ws = load_workspace(example)
    return draft(ws, letter, DraftOptions(fmt="txt", languages=["en"])).decode()


def _html(example: Path, letter: str) -> str:
    ws = load_workspace(example)
    return draft(ws, letter, DraftOptions(fmt="html", languages=["en"])).decode()


def test_no_letterhead_for_paper_printed_already(example: Path) -> None:
    _letter(example, "harris-2021", "recipients: [harris]\n",
            "recipients: [harris]\nletterhead: none\n")  # fmt: skip
    assert _txt(example, "harris-2021").startswith("Protecting Human Rights Activists in Vietnam\n")
    assert 'class="letterhead"' not in _html(example, "harris-2021")
    ws = load_workspace(example)
    pdf = draft(ws, "harris-2021", DraftOptions(fmt="pdf", languages=["en"]))
    assert page_texts(pdf)[0].startswith("Protecting Human Rights Activists in Vietnam")
    assert xobjects(pdf)[0] == []  # no logo drawn


def test_a_row_of_the_signing_organisations_logos(example: Path) -> None:
    page = _html(example, "biden-2023")
    head = page[page.index('<section class="letterhead"') : page.index("</section>")]
    logos = re.findall(r'<img class="logo" src="data:image/svg\+xml;base64,[^"]+" alt="([^"]+)"',
                       head)  # fmt: skip
    assert logos[:2] == [
        "ACAT France (Action by Christians for the Abolition of Torture)",
        "ACAT Belgium (Action by Christians for the Abolition of Torture)",
    ]
    assert logos[-1] == "Viet Tan" and len(logos) == 11  # every signing organisation's
    assert '<p class="name"' not in head and '<p class="contact"' not in head  # logos only


def test_the_letter_names_its_letterhead_organisations(example: Path) -> None:
    _letter(example, "harris-2021", "recipients: [harris]\n",
            "recipients: [harris]\nletterhead: [dtd]\n")  # fmt: skip
    assert _txt(example, "harris-2021").startswith(
        "Defend the Defenders\nwww.vietnamhumanrightsdefenders.net\n\nProtecting"
    )


def test_the_workspace_default_letterhead_and_the_letters_own(example: Path) -> None:
    (example / CONFIG_FILE).write_text('[defaults]\nletterhead = "none"\n', encoding="utf-8")
    assert _txt(example, "harris-2021").startswith("Protecting Human Rights")  # says nothing
    assert 'class="logo"' in _html(example, "biden-2023")  # says logos


def test_the_workspace_default_conventions_are_a_languages(example: Path) -> None:
    (example / CONFIG_FILE).write_text('[defaults]\nconventions = "fr"\n', encoding="utf-8")
    ws = load_workspace(example)
    from letter_kit import compose

    doc = compose(ws, "harris-2021", "en")
    head = [p.role for p in doc.parts if p.role in (Role.TITLE, Role.DATELINE, Role.RECIPIENT)]
    assert head == [Role.RECIPIENT, Role.DATELINE, Role.TITLE]  # address, date, then title
    sides = {p.role: p.attrs.get("align") for p in doc.parts}
    assert sides[Role.RECIPIENT] == sides[Role.SIGNATURES] == "right"
    # a letter's own conventions say what differs from the default
    _letter(example, "harris-2021", "recipients: [harris]\n",
            "recipients: [harris]\nconventions: {address: left}\n")  # fmt: skip
    doc = compose(load_workspace(example), "harris-2021", "en")
    sides = {p.role: p.attrs.get("align") for p in doc.parts}
    assert (sides[Role.RECIPIENT], sides[Role.DATELINE]) == ("left", "right")


def test_unknown_or_wrong_defaults_are_placed_with_the_nearest_name(
    cli: Cli, example: Path
) -> None:
    (example / CONFIG_FILE).write_text(
        '[defaults]\nletterheads = "logos"\nconventions = { adress = "right" }\n'
        'layout = "paralel"\n',
        encoding="utf-8",
    )
    before = snapshot(example)
    result = cli("draft", "harris-2021", cwd=example)
    assert (result.code, result.out) == (78, "")
    assert result.err == (
        "error: letterkit.toml:2:1: unknown [defaults] setting 'letterheads'\n"
        "  hint: did you mean 'letterhead'?\n"
        "error: letterkit.toml:3:1: [defaults] conventions: unknown setting 'adress'\n"
        "  hint: did you mean 'address'?\n"
        "error: letterkit.toml:4:1: [defaults] layout: 'paralel' is not one of: "
        "'sequential' or 'parallel'\n"
        "3 problems found\n"
    )
    assert snapshot(example) == before
