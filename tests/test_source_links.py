"""Links to a source, ``[text](@source-id)``: its web address, written once, in every format."""

from __future__ import annotations

import email
import io
import zipfile
from email.message import Message
from pathlib import Path

import pypdf
import pytest

from letter_kit import DraftOptions, draft, load_workspace

from .conftest import Cli, snapshot
from .docx_reading import part, rels
from .test_writers_pdf import pdf_text

URL = "https://example.org/annual-report"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture
def linked(minimal: Path) -> Path:
    sources = minimal / "data" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + f"  url: {URL}\n", encoding="utf-8")
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    text = letter.read_text(encoding="utf-8")
    text = text.replace(
        "We write about the journalists in prison.[@report]",
        "We write about the journalists in prison, as [our report](@report) shows.\n"
        "    [The same report](@report)[@report, p. 3] counts them.",
    ).replace(
        "Chúng tôi viết về các nhà báo đang bị giam.[@report]",
        "Chúng tôi viết về các nhà báo đang bị giam, như [báo cáo](@report) cho thấy.[@report]",
    )
    letter.write_text(text, encoding="utf-8")
    return minimal


def _draft(root: Path, fmt: str, langs: tuple[str, ...] = ("en",)) -> bytes:
    return draft(load_workspace(root), "test-letter", DraftOptions(fmt=fmt, languages=langs))  # type: ignore[arg-type]


def test_markdown_links_to_the_source(linked: Path) -> None:
    text = _draft(linked, "md").decode()
    assert f"as [our report](<{URL}>) shows. [The same report](<{URL}>)[^1] counts them." in text
    assert "[^1]: *Annual Report*, January 15, 2024, p. 3. <" + URL + ">" in text


def test_html_links_to_the_source(linked: Path) -> None:
    text = _draft(linked, "html").decode()
    assert f'as <a href="{URL}">our report</a> shows.' in text


def test_text_gives_the_address(linked: Path) -> None:
    text = _draft(linked, "txt", ("en", "vi")).decode()
    flat = " ".join(text.split())
    assert f"as our report <{URL}> shows. The same report <{URL}>[1] counts them." in flat
    assert f"như báo cáo <{URL}> cho thấy.[1]" in flat


def test_pdf_has_the_text_and_a_link_to_the_address(linked: Path) -> None:
    data = _draft(linked, "pdf")
    assert "as our report shows." in " ".join(pdf_text(data).split())
    reader = pypdf.PdfReader(io.BytesIO(data))
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/A")
    ]
    assert uris.count(URL) == 3  # two links, and the address in the note


def test_email_links_in_both_parts(linked: Path) -> None:
    recipients = linked / "data" / "recipients.yaml"
    recipients.write_text(
        recipients.read_text(encoding="utf-8") + "  email: minister@gov.example\n",
        encoding="utf-8",
    )
    message = email.message_from_bytes(_draft(linked, "eml"))
    parts = {p.get_content_type(): p for p in message.walk() if not p.is_multipart()}
    plain, html = (_decoded(parts[kind]) for kind in ("text/plain", "text/html"))
    assert f"as our report <{URL}> shows." in " ".join(plain.split())
    assert f'<a href="{URL}"' in html and ">our report</a>" in html


def _decoded(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(message.get_content_charset() or "utf-8")


def test_word_makes_the_link_a_hyperlink(linked: Path) -> None:
    data = _draft(linked, "docx")
    links = rels(data, "word/_rels/document.xml.rels")
    root = part(data, "word/document.xml")
    targets = [links[h.get(f"{R}id")] for h in root.iter(f"{W}hyperlink")]
    assert targets == [("hyperlink", URL, "External")] * 2
    assert zipfile.is_zipfile(io.BytesIO(data))


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("[x](@reprot)", "data/letters/test-letter.yaml:9:50: body.en: unknown source 'reprot'\n"
         "  hint: did you mean 'report'? Sources are defined in data/sources.yaml\n"),
        ("[x](@Report)", "data/letters/test-letter.yaml:9:50: body.en: link to a source "
         "'(@Report)' is not well formed\n  hint: write [text](@source-id)\n"),
        ("[x](@nourl)", "data/letters/test-letter.yaml:9:50: body.en: source 'nourl' has no url "
         "to link to\n  hint: add its url in data/sources.yaml, or cite it with [@nourl] "
         "instead\n"),
    ],
)  # fmt: skip
def test_a_link_to_no_source_is_an_error_at_its_place(
    minimal: Path, cli: Cli, link: str, expected: str
) -> None:
    sources = minimal / "data" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8") + "nourl:\n  title: No address\n", encoding="utf-8"
    )
    letter = minimal / "data" / "letters" / "test-letter.yaml"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("in prison.[@report]", f"in prison.{link}"),
        encoding="utf-8",
    )
    before = snapshot(minimal)
    result = cli("check", cwd=minimal)
    assert (result.code, result.err) == (65, expected)
    assert snapshot(minimal) == before


def test_a_translation_keeps_the_source_a_link_leads_to() -> None:
    from letter_kit.change.translate import _placeholders

    source = "As [our report](@report) shows."
    assert _placeholders(source, "Như [báo cáo của chúng tôi](@report) cho thấy.") is None
    assert _placeholders(source, "Như báo cáo của chúng tôi cho thấy.") == (
        "the msgstr leaves out or changes the link to source 'report' of the msgid"
    )
