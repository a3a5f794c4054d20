"""Adding a language: its catalog written by 'letterkit lang add', the phrases 'check'
finds untranslated, regional variants, dates, and the punctuation a catalog gives."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural

from letter_kit import compose, load_workspace, write_text
from letter_kit.composing.i18n import load_language
from letter_kit.composing.phrases import letterkit_phrases
from letter_kit.composing.pofile import read_catalog

from .conftest import FIXTURES, ROOT, Cli, snapshot

SHAPES = FIXTURES / "shapes"
TEMPLATES = [ROOT / "templates"]
CATALOG = Path("templates/locale/{}/LC_MESSAGES/letterkit.po")


def test_lang_add_writes_every_phrase_with_its_vietnamese(cli: Cli, minimal: Path) -> None:
    before = snapshot(minimal)
    result = cli("lang", "add", "fr", cwd=minimal)
    path = minimal / str(CATALOG).format("fr")
    assert result.code == 0, result.err
    assert result.out == (
        f"created {path}\nnext: translate each msgstr, then 'letterkit check' and "
        "'languages: [fr]'\n"
    )
    assert set(snapshot(minimal)) - set(before) == {str(CATALOG).format("fr")}
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# French phrases of letterkit's templates, written by 'letterkit lang")
    assert f'"Plural-Forms: {get_plural("fr").plural_forms}\\n"' in text
    assert '"Language: fr\\n"' in text
    assert '#. vi: Trân trọng,\nmsgid "Sincerely,"\nmsgstr ""\n' in text
    assert (
        '#. First line of an address block: "Kính gửi Bà Kamala D. Harris".\n'
        "#. vi: Kính gửi %(name)s\n"
        "#, python-format\n"
        'msgctxt "address block"\nmsgid "%(name)s"\nmsgstr ""\n'
    ) in text
    catalog = read_catalog(path, locale="fr")  # as strict as every catalog is read
    assert {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id} == {
        p.key for p in letterkit_phrases([minimal / "templates", *TEMPLATES])
    }
    assert all(not any(m.string) if isinstance(m.string, tuple) else m.string == ""
               for m in catalog if m.id)  # fmt: skip
    # the same command again changes nothing
    again = cli("lang", "add", "fr", cwd=minimal)
    assert again.code == 73
    assert again.err.startswith(f"error: {path} already exists; nothing was changed\n")


def test_lang_add_refuses_an_unknown_language(cli: Cli, minimal: Path) -> None:
    before = snapshot(minimal)
    result = cli("lang", "add", "xx-Klingon", cwd=minimal)
    assert result.code == 65
    assert result.err.startswith("error: unknown language 'xx-Klingon'\n")
    assert snapshot(minimal) == before


def test_a_regional_catalog_starts_from_its_languages(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "shapes"
    shutil.copytree(SHAPES, root)
    assert cli("lang", "add", "fr-CA", cwd=root).code == 0
    text = (root / CATALOG.as_posix().format("fr_CA")).read_text(encoding="utf-8")
    assert 'msgid "Sincerely,"\nmsgstr "Veuillez agréer l’expression' not in text  # as written
    assert 'msgid "Sincerely,"\nmsgstr "Veuillez agréer l\'expression' in text
    assert '"Language: fr-CA\\n"' in text


def test_check_lists_the_phrases_a_catalog_leaves_untranslated(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "shapes"
    shutil.copytree(SHAPES, root)
    catalog = root / CATALOG.as_posix().format("fr")
    text = catalog.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "Sincerely,"\nmsgstr "Veuillez agréer l\'expression de notre haute considération."',
        'msgid "Sincerely,"\nmsgstr ""',
    )
    text = text.replace('#, python-format\nmsgctxt "cc"', '#, fuzzy, python-format\nmsgctxt "cc"')
    catalog.write_text(text, encoding="utf-8")
    result = cli("check", cwd=root)
    assert result.code == 0, result.err
    lines = [line for line in result.err.splitlines() if line.startswith("warning: templates")]
    place = CATALOG.as_posix().format("fr")
    assert [line.split(": ", 2)[1:] for line in lines] == [
        [f"{place}:{_line(text, 'Sincerely,')}", "'Sincerely,' is not translated into 'fr': "
         "letters print it in English"],
        [f"{place}:{_line(text, '%(name)s, %(title)s')}", "'%(name)s, %(title)s' (cc) is not "
         "translated into 'fr' (fuzzy): letters print it in English"],
    ]  # fmt: skip
    # English needs no catalog; the example's Vietnamese one translates everything
    assert cli("check").err == ""


def _line(text: str, msgid: str) -> int:
    """The line of a message's msgid."""
    return text.splitlines().index(f'msgid "{msgid}"') + 1


def test_a_regional_tag_reads_its_languages_texts_and_catalog(tmp_path: Path) -> None:
    root = tmp_path / "shapes"
    shutil.copytree(SHAPES, root)
    letter = root / "data" / "letters" / "lettre.yaml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("[fr]", "[fr-CA]"), "utf-8")
    doc = compose(load_workspace(root), "lettre", "fr-CA")
    out = write_text([doc], "txt")
    assert "Objet\u00a0: Libérez les journalistes" in out  # fr texts, fr catalog
    assert "1er août 2024" in out


def test_british_and_american_dates(tmp_path: Path, minimal: Path) -> None:
    assert load_language("en", TEMPLATES).date(date(2021, 8, 4)) == "August 4, 2021"
    assert load_language("en-GB", TEMPLATES).date(date(2021, 8, 4)) == "4 August 2021"
    assert load_language("fr", [SHAPES / "templates"]).date(date(2024, 8, 1)) == "1er août 2024"
    assert load_language("fr", [SHAPES / "templates"]).date(date(2024, 8, 2)) == "2 août 2024"
    # the letter's language tag
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("languages: [en, vi]", "languages: [en-GB, vi]"), "utf-8")
    assert "1 March 2024\n" in write_text(
        [compose(load_workspace(minimal), "test-letter", "en-GB")], "txt"
    )
    # or the workspace's setting
    letter.write_text(text, "utf-8")
    (minimal / "letterkit.toml").write_text('[defaults]\nlocales = { en = "en-GB" }\n', "utf-8")
    doc = compose(load_workspace(minimal), "test-letter", "en")
    assert "1 March 2024\n" in write_text([doc], "txt")
    assert doc.meta.lang == "en"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[defaults]\nlocales = { en = "fr-FR" }\n', "'en' must name a variant of 'en'"),
        ("[defaults]\nlocale = 1\n", "unknown [defaults] setting 'locale'"),
        ('defaults = "x"\n', "[defaults] must be a section"),
    ],
)
def test_a_wrong_defaults_setting_is_named(
    toml: str, message: str, minimal: Path, cli: Cli
) -> None:
    (minimal / "letterkit.toml").write_text(toml, "utf-8")
    result = cli("draft", "test-letter", cwd=minimal)
    assert result.code == 78
    assert message in result.err


def test_every_joining_phrase_comes_from_the_catalog(minimal: Path) -> None:
    vi = minimal / str(CATALOG).format("vi")
    vi.parent.mkdir(parents=True)
    text = (ROOT / str(CATALOG).format("vi")).read_text(encoding="utf-8")
    for msgid, ours in [
        ('msgctxt "salutation"\nmsgid "%(salutation)s,"\nmsgstr "%(salutation)s,"',
         'msgctxt "salutation"\nmsgid "%(salutation)s,"\nmsgstr "%(salutation)s!"'),
        ('msgid "%(note)s."\nmsgstr "%(note)s."', 'msgid "%(note)s."\nmsgstr "%(note)s;"'),
        ('msgid "%(before)s, %(after)s"\nmsgstr "%(before)s, %(after)s"',
         'msgid "%(before)s, %(after)s"\nmsgstr "%(before)s / %(after)s"'),
    ]:  # fmt: skip
        assert msgid in text
        text = text.replace(msgid, ours)
    vi.write_text(text, encoding="utf-8")
    out = write_text([compose(load_workspace(minimal), "test-letter", "vi")], "txt")
    assert "Kính thưa Bộ trưởng!\n" in out
    assert "[1] Báo cáo thường niên / ngày 15 tháng 1 năm 2024;\n" in out
