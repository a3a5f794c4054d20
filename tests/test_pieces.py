"""A letter to many recipients renders only what names the recipient for each copy, and
every copy is still exactly the letter drafted for that recipient alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_kit import DraftOptions, draft, draft_each, load_workspace
from letter_kit.composing.composer import composer
from letter_kit.composing.pieces import split_template
from letter_kit.drafting.copies import RECIPIENT_NAMES

from .conftest import ROOT
from .test_batch import MEMBERS, _alone, _caucus, _member

BUILT_IN = ROOT / "templates" / "open-letter" / "letter.md.j2"
BODY = "<!-- @body -->\n{{ letter.body }}\n"

# Templates that use the recipient outside the address and the salutation, each in
# another way, and whether the rest of the template can still be shared.
VARIANTS = {
    "built-in": ("", True),
    "named in the body": ("{{ recipients[0].name }} ", True),
    "a condition in the body": ('{% if recipients[0].name == "Derek Trần" %}Hi! {% endif %}', True),
    "set at the top": ("{{ who[0].name }}", False),
    "a macro": ("{{ greet() }}", False),
    "a namespace": ("{{ ns.seen }}", False),
    "a name set elsewhere": ('{% for salutation in ["Hi"] %}{{ salutation }} {% endfor %}', False),
}
PREAMBLE = {
    "set at the top": "{% set who = recipients %}\n",
    "a macro": "{% macro greet() %}{{ salutation }}{% endmacro %}\n",
    "a namespace": "{% set ns = namespace(seen=0) %}\n",
}


def template(variant: str) -> str:
    source = BUILT_IN.read_text(encoding="utf-8")
    assert BODY in source
    insert, _ = VARIANTS[variant]
    source = PREAMBLE.get(variant, "") + source.replace(BODY, BODY.replace("{{", insert + "{{", 1))
    if variant == "a namespace":
        source = source.replace(
            "{% for recipient in recipients %}\n",
            "{% for recipient in recipients %}\n{% set ns.seen = ns.seen + 1 %}\n",
        )
    return source


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_each_copy_is_the_letter_drafted_for_that_recipient_alone(
    variant: str, minimal: Path, tmp_path: Path
) -> None:
    members = "".join(_member(*m) for m in MEMBERS)
    workspace = _caucus(minimal, members)
    folder = workspace / "templates" / "open-letter"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "letter.md.j2").write_text(template(variant), encoding="utf-8")
    ws = load_workspace(workspace)
    writer = composer(ws, "test-letter", "en")
    with ws.texts("test-letter"):
        context = writer.context(ws.letter("test-letter").date)
    shared = split_template(writer.env, writer.template_name, RECIPIENT_NAMES, context)
    assert (shared is not None) is VARIANTS[variant][1]
    for fmt in ("md", "html"):
        options = DraftOptions(fmt=fmt, languages=("en", "vi"))
        out = tmp_path / f"{variant}-{fmt}"
        result = draft_each(ws, "test-letter", options, out)
        assert not result.failed
        for rid, *_ in MEMBERS:
            alone = draft(_alone(ws, "test-letter", rid), "test-letter", options)
            assert (out / f"{rid}.{fmt}").read_bytes() == alone, (variant, rid)
