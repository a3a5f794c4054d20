"""Press releases: drafted from the letter they announce, and agreeing with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from letter_kit import DataError, DraftOptions, check_workspace, compose, draft, load_workspace
from letter_kit.document import Document, ListBlock, Paragraph, plain_text
from letter_kit.writers.common import entry

from .conftest import GOLDEN, ROOT, Cli, check_golden
from .test_writers_pdf import pdf_text


def _text(doc: Document) -> str:
    """All the document's text, notes included, on one line."""
    chunks = []
    for part in doc.parts:
        for block in part.blocks:
            if isinstance(block, Paragraph):
                chunks.append(plain_text(block.inlines))
            elif isinstance(block, ListBlock):
                chunks += [
                    plain_text(b.inlines)
                    for i in block.items
                    for b in i
                    if isinstance(b, Paragraph)
                ]
    chunks += [plain_text(n.inlines) for n in doc.notes]
    return " ".join(" ".join(chunks).split())


def test_the_release_prints_both_languages(cli: Cli) -> None:
    result = cli("draft", "harris-2021-press", "-l", "en,vi", "-f", "md")
    assert result.code == 0
    assert result.out.startswith("# Open letter asks Vice President Harris to stand up")
    assert "# Thư ngỏ đề nghị Phó Tổng thống Harris lên tiếng" in result.out
    assert "\\###" in result.out  # the end mark, kept literal
    assert "**Liên hệ báo chí**\\\nNguyễn Bá Tùng\\\n" in result.out


def test_golden_release_pdf_text(update_golden: bool) -> None:
    pdf = draft(load_workspace(ROOT), "harris-2021-press", DraftOptions(fmt="pdf"))
    check_golden(
        GOLDEN / "harris-2021-press.en-vi.sequential.pdf.txt", pdf_text(pdf), update_golden
    )


def test_figures_and_names_agree_with_the_letter() -> None:
    ws = load_workspace(ROOT)
    for lang in ("en", "vi"):
        letter = compose(ws, "harris-2021", lang)
        release = compose(ws, "harris-2021-press", lang)
        letter_text, release_text = _text(letter), _text(release)
        # the figures the letter quotes, written the same way, citing the same note
        for fact_id in ("arrests-2020-2021", "prisoners-of-conscience-2021"):
            fact = ws.facts[fact_id]
            assert f"{fact.value}" in letter_text and f"{fact.value} " in release_text
        assert [plain_text(n.inlines) for n in release.notes] == [
            plain_text(n.inlines) for n in letter.notes
        ]
        # the organisations of the letterhead, the recipient, each signing organisation
        heads = [plain_text(entry(b).name) for b in letter.parts_with("letterhead")[0].blocks]  # type: ignore[arg-type]
        lead = plain_text(release.parts_with("body")[0].blocks[0].inlines)  # type: ignore[union-attr]
        assert all(name in lead for name in heads)
        assert ws.recipients["harris"].name.get(lang) in lead
        abouts = [plain_text(p.blocks[0].inlines) for p in release.parts_with("about")]  # type: ignore[union-attr]
        assert abouts == [("About " if lang == "en" else "Về ") + name for name in heads]
        # one summary per demand of the letter
        lists = [b for b in release.parts_with("body")[0].blocks if isinstance(b, ListBlock)]
        assert len(lists[0].items) == len(ws.letters["harris-2021"].demands.items)  # type: ignore[union-attr]


def test_release_checks(example: Path) -> None:
    path = example / "data" / "letters" / "harris-2021-press.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(
        original.replace("languages: [en, vi]", "languages: [en, fr]"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_workspace(example)
    messages = [p.message for p in caught.value.problems]
    assert "the letter it announces, 'harris-2021', is not written in 'fr'" in messages
    path.write_text(original, encoding="utf-8")
    other = example / "data" / "letters" / "press-of-press.yaml"
    other.write_text(
        original.replace("about: harris-2021", "about: harris-2021-press"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_workspace(example)
    assert [p.message for p in caught.value.problems] == [
        "'harris-2021-press' is itself about another letter"
    ]


def test_a_release_names_the_members_of_its_letters_groups(example: Path) -> None:
    recipients = example / "data" / "recipients.yaml"
    text = recipients.read_text(encoding="utf-8")
    text = text.replace("    vi: Tổng thống Joseph R. Biden, Jr.\n", "")  # the reference
    text = text.replace(
        "  email: president@whitehouse.example\n",
        "  email: president@whitehouse.example\n  groups: [white-house]\n",
    )
    recipients.write_text(text, encoding="utf-8")
    letter = example / "data" / "letters" / "harris-2021.yaml"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace(
            "recipients: [harris]", "recipients: [harris]\ngroups: [white-house]"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        check_workspace(example)
    (problem,) = caught.value.problems
    assert (problem.field, problem.message) == (
        "biden.reference",
        "no 'vi' text, but letter 'harris-2021-press' is written in 'vi'",
    )


def test_cosigners_of_a_release_belong_to_its_letter(cli: Cli, example: Path) -> None:
    result = cli("cosign", "add", "harris-2021-press", "rsf", cwd=example)
    assert result.code == 2
    assert result.err.startswith(
        "error: harris-2021-press is a press release: it is signed by the signatories of harris-2021"
    )
