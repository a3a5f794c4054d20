"""What letterkit is measured against: the same work done without it.

- The import floor: a process importing every module a letterkit command imports,
  letterkit's own aside, in the order the command imports them.
- Typst alone: a process compiling what letterkit prepared for Typst (the template's
  files and the letter as JSON), with the settings of letterkit's compiler; for
  copies, one process per core, each with one compiler, writing each PDF.
- A plain Jinja merge: the letter's own template rendered with plain Jinja (no
  sandbox, no parsing, no writer) for each recipient, from the values letterkit gives
  it, each copy written to a file.
- mailmerge (awdeorio/mailmerge, installed into a scratch virtual environment): the
  same plain text and HTML, merged for the same recipients, printed (--dry-run).

Each ``prepare_*`` function writes its inputs into a folder, outside any timing, and
returns the command to time.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import subprocess
import sys
import venv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PYTHON = sys.executable
MAILMERGE = "mailmerge==2.3.0"


def command_modules(args: list[str], cwd: Path, env: dict[str, str]) -> list[str]:
    """The modules a letterkit command imports (letterkit's own aside), in order."""
    code = (
        "import json, sys\n"
        "from letter_kit.cli import main\n"
        f"sys.argv = ['letterkit', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "names = [m for m in sys.modules if m.split('.')[0] not in ('letter_kit', '__main__')]\n"
        "sys.stderr.write('\\n' + json.dumps(names))\n"
    )
    done = subprocess.run([PYTHON, "-c", code], cwd=cwd, env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return list(json.loads(done.stderr.rsplit("\n", 1)[1]))


_IMPORT = """
import importlib, sys
for name in {modules!r}:
    if name not in sys.modules:
        try:
            importlib.import_module(name)
        except Exception:
            pass
"""


def import_floor(modules: list[str]) -> list[str]:
    """A process that imports ``modules`` and stops."""
    return [PYTHON, "-c", _IMPORT.format(modules=modules)]


def prepare_typst(root: Path, letter: str, folder: Path) -> tuple[Path, str]:
    """The compiler's folder for a letter as ``draft -f pdf`` would make it."""
    from letter_kit import load_workspace
    from letter_kit.drafting.output import DraftOptions, documents, pdf_options, pdf_template
    from letter_kit.writers.pdf import INPUT, payload_text, place_images, template_files

    ws = load_workspace(root)
    options = DraftOptions(fmt="pdf")
    docs = documents(ws, letter, options)
    template = pdf_template(ws, letter)
    folder.mkdir(parents=True, exist_ok=True)
    for source in template_files(template):
        (folder / source.name).write_bytes(source.read_bytes())
    text = payload_text(docs, pdf_options(ws, letter, options), place_images(folder, docs))
    (folder / INPUT).write_text(text, encoding="utf-8")
    return folder, template.name


_COMPILE = """
import sys, typst
from pathlib import Path
root, entry, inputs, out = Path(sys.argv[1]), sys.argv[2], sys.argv[3:-1], Path(sys.argv[-1])
compiler = typst.Compiler(input=str(root / entry), root=str(root), font_paths=[],
                          ignore_system_fonts=True)
for source in inputs or [None]:
    if source is not None:
        (root / "letterkit.json").write_bytes(Path(source).read_bytes())
    (out / (Path(source).stem + ".pdf" if source else "letter.pdf")).write_bytes(
        compiler.compile(format="pdf"))
"""


def typst_alone(folder: Path, entry: str, out: Path, inputs: Sequence[Path] = ()) -> list[str]:
    """A process that compiles the prepared letter (or each of ``inputs`` in turn)."""
    return [PYTHON, "-c", _COMPILE, str(folder), entry, *map(str, inputs), str(out)]


def floor_with_typst(modules: list[str], folder: Path, entry: str, out: Path) -> list[str]:
    """The import floor, then Typst compiling the prepared letter, in one process."""
    code = _IMPORT.format(modules=modules) + _COMPILE
    return [PYTHON, "-c", code, str(folder), entry, str(out)]


def prepare_copies(root: Path, letter: str, folder: Path, images: Path) -> list[Path]:
    """The JSON letterkit gives Typst for each copy of a letter to many recipients (the
    images they show written into the compiler's folder ``images``)."""
    from letter_kit import load_workspace
    from letter_kit.drafting.copies import Copies
    from letter_kit.drafting.output import DraftOptions, pdf_options
    from letter_kit.writers.pdf import payload_text, place_images

    ws = load_workspace(root)
    options = DraftOptions(fmt="pdf")
    pdf = pdf_options(ws, letter, options)
    folder.mkdir(parents=True, exist_ok=True)
    copies = Copies(ws, letter, options, folder)
    paths = []
    try:
        for rid in ws.recipients_of(ws.letter(letter)):
            path = folder / f"{rid}.json"
            docs = copies.documents(rid)
            text = payload_text(docs, pdf, place_images(images, docs))
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    finally:
        copies.close()
    return paths


def shares(items: list[Path], count: int) -> list[list[Path]]:
    """``items`` dealt among ``count`` processes."""
    return [items[index::count] for index in range(count)]


def _template_file(writer: Any) -> str:
    loader = writer.env.loader
    assert loader is not None
    return str(loader.get_source(writer.env, writer.template_name)[1])


def _plain(value: Any) -> Any:
    """A view as plain data: dataclass fields and properties, lists, text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name, member in vars(type(value)).items():
            if isinstance(member, property):
                out[name] = _plain(getattr(value, name))
        return out
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if callable(value):
        return None
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def prepare_merge(root: Path, letter: str, folder: Path) -> Path:
    """The values of the letter's template, as plain data, for each language and
    recipient (written to ``folder``/values.json)."""
    from letter_kit import load_workspace
    from letter_kit.composing.composer import composer

    ws = load_workspace(root)
    data: dict[str, Any] = {"recipients": ws.recipients_of(ws.letter(letter)), "languages": {}}
    for lang in ws.letter(letter).languages:
        writer = composer(ws, letter, lang)
        with ws.texts(letter):
            context = writer.context(ws.letter(letter).date)
        views = [writer.views.recipient(rid) for rid in data["recipients"]]
        data["languages"][lang] = {
            "base": {k: _plain(v) for k, v in context.items() if not callable(v)},
            "views": [_plain(v) for v in views],
            "salutations": [writer.views.salutation([v]) for v in views],
            "template": str(_template_file(writer)),
        }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "values.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder / "values.json"


_MERGE = """
import json, sys
from pathlib import Path
import jinja2
values, out = json.loads(Path(sys.argv[1]).read_text("utf-8")), Path(sys.argv[2])
def gettext(message, **values):
    return message % values if values else message
def pgettext(context, message, **values):
    return gettext(message, **values)
def ngettext(singular, plural, num, **values):
    return gettext(singular if num == 1 else plural, num=num, **values)
helpers = {"_": gettext, "gettext": gettext, "pgettext": pgettext, "ngettext": ngettext,
           "join": ", ".join}
templates = {}
for lang, data in values["languages"].items():
    path = Path(data["template"])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(path.parent)),
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["lines"] = "\\\\\\n".join
    env.filters["strong"] = lambda value: f"**{value}**"
    templates[lang] = env.get_template(path.name)
for index, rid in enumerate(values["recipients"]):
    texts = []
    for lang, data in values["languages"].items():
        context = {**data["base"], **helpers, "recipients": [data["views"][index]],
                   "salutation": data["salutations"][index]}
        texts.append(templates[lang].render(context))
    (out / f"{rid}.md").write_text("\\n* * *\\n\\n".join(texts), encoding="utf-8")
"""


def plain_merge(values: Path, out: Path) -> list[str]:
    """A process that merges the letter's template for every recipient."""
    return [PYTHON, "-c", _MERGE, str(values), str(out)]


def mailmerge_venv(folder: Path) -> Path:
    """mailmerge, installed into a virtual environment of its own in ``folder``."""
    program = folder / "bin" / "mailmerge"
    if not program.exists():
        venv.create(folder, with_pip=True)
        quiet = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        pip = [str(folder / "bin" / "pip"), "install", "--quiet", MAILMERGE]
        subprocess.run(pip, check=True, env=quiet)
    return program


def prepare_mailmerge(root: Path, letter: str, folder: Path) -> list[str]:
    """mailmerge's template, database and configuration for the letter's copies: the
    text and HTML letterkit writes, the address and salutation of each recipient."""
    from letter_kit import load_workspace
    from letter_kit.drafting.copies import Copies
    from letter_kit.drafting.output import DraftOptions
    from letter_kit.writers import html, text

    ws = load_workspace(root)
    copies = Copies(ws, letter, DraftOptions(fmt="eml"), folder)
    recipients = ws.recipients_of(ws.letter(letter))
    try:
        first = copies.documents(recipients[0])
        plain, page = text.write(first), html.write_email(first)
        views = [c.composer.views for c in copies.letters]
        rows = []
        for rid in recipients:
            view = views[0].recipient(rid)
            email = view.email or f"{rid}@example.org"
            rows.append({"email": email, "name": view.name, "address": "\n".join(view.lines),
                         "salutation": view.salutation})  # fmt: skip
    finally:
        copies.close()
    head = views[0].recipient(recipients[0])
    plain = plain.replace("\n".join(head.lines), "{{ address }}")
    plain = plain.replace(head.salutation, "{{ salutation }}")
    template = (
        "TO: {{ name }} <{{ email }}>\nFROM: Tung B Nguyen <vnhrnet@vietnamhumanrights.net>\n"
        "SUBJECT: Human rights must be on the agenda of the delegation\nMIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="boundary"\n\n'
        '--boundary\nContent-Type: text/plain; charset="utf-8"\n\n'
        + _raw(plain) + '\n--boundary\nContent-Type: text/html; charset="utf-8"\n\n'
        + "{% raw %}" + page + "{% endraw %}\n--boundary--\n"
    )  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "template.txt").write_text(template, encoding="utf-8")
    with (folder / "database.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["email", "name", "address", "salutation"])
        writer.writeheader()
        writer.writerows(rows)
    (folder / "server.conf").write_text("[smtp_server]\nhost = 127.0.0.1\nport = 25\n")
    program = mailmerge_venv(folder.parent / "mailmerge-venv")
    return [str(program), "--no-limit", "--dry-run", "--output-format", "raw",
            "--template", str(folder / "template.txt"), "--database",
            str(folder / "database.csv"), "--config", str(folder / "server.conf")]  # fmt: skip


def _raw(plain: str) -> str:
    """The letter's text in the template: literal, but for its two fields."""
    return "".join(
        piece
        if piece in ("{{ address }}", "{{ salutation }}")
        else "{% raw %}" + piece + "{% endraw %}"
        for piece in _fields(plain)
    )


def _fields(plain: str) -> list[str]:
    import re

    return [p for p in re.split(r"(\{\{ address \}\}|\{\{ salutation \}\})", plain) if p]
