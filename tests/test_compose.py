"""Composing letters: parts, notes, facts, escaping, the sandbox, and templates."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letter_kit import Workspace, compose, load_workspace
from letter_kit.composing.composer import composer as _composer
from letter_kit.composing.prosehelpers import helpers_only
from letter_kit.document import (
    Document,
    Heading,
    Image,
    Inline,
    ListBlock,
    NoteRef,
    Paragraph,
    Part,
    Strong,
    plain_text,
)
from letter_kit.errors import DataError, TemplateError, UsageError
from letter_kit.writers.text import document_text

from .conftest import ROOT, Cli


def _refs(nodes: list[Inline]) -> list[int]:
    out = []
    for node in nodes:
        if isinstance(node, NoteRef):
            out.append(node.number)
        out += _refs(getattr(node, "children", []))
    return out


def _all_refs(doc: Document) -> list[int]:
    out: list[int] = []

    def walk(blocks: list) -> None:  # type: ignore[type-arg]
        for block in blocks:
            if isinstance(block, Paragraph):
                out.extend(_refs(block.inlines))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    walk(item)

    for part in doc.parts:
        walk(part.blocks)
    return out


def _text(part: Part) -> list[str]:
    return [plain_text(b.inlines) for b in part.blocks if isinstance(b, Paragraph | Heading)]


def _letter(minimal: Path, text: str) -> None:
    (minimal / "data" / "letters" / "test-letter.yaml").write_text(text, encoding="utf-8")


LETTER = """\
date: 2024-03-01
languages: [en, vi]
recipients: [minister]
subject: {{en: Release the journalists, vi: Trả tự do cho các nhà báo}}
body:
  en: |
{en}
  vi: |
{vi}
signatories:
  entries:
    - org: free
"""


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


def _body(minimal: Path, en: str, vi: str = "Nội dung.") -> None:
    _letter(minimal, LETTER.format(en=_indent(en), vi=_indent(vi)))


def test_harris_parts_in_order() -> None:
    doc = compose(load_workspace(ROOT), "harris-2021", "en")
    assert [p.role for p in doc.parts] == [
        "letterhead",
        "title",
        "dateline",
        "recipient",
        "salutation",
        "body",
        "body",
        "closing",
        "signatures",
    ]
    # each organisation of the letterhead: its logo, its name, its contact line
    assert _text(doc.parts[0]) == [
        "Vietnam Human Rights Network www.vietnamhumanrights.net · vnhrnet@vietnamhumanrights.net",
        "Defend the Defenders www.vietnamhumanrightsdefenders.net",
    ]
    logos = [b.inlines[0] for b in doc.parts[0].blocks]  # type: ignore[union-attr]
    assert logos == [
        Image("assets/logos/vnhrn.svg", "Vietnam Human Rights Network"),
        Image("assets/logos/dtd.svg", "Defend the Defenders"),
    ]
    assert sorted(doc.images) == ["assets/logos/dtd.svg", "assets/logos/vnhrn.svg"]
    assert doc.parts[0].attrs == {"style": "leads"}
    assert _text(doc.parts[2]) == ["August 4, 2021"]
    assert doc.parts[2].attrs == {"align": "right"}  # English conventions: the date on the right
    assert doc.parts[-1].attrs == {"tier": "lead", "shape": "grid", "align": "left"}
    assert doc.meta.title == "Protecting Human Rights Activists in Vietnam"
    assert doc.meta.authors == ["Vietnam Human Rights Network", "Defend the Defenders"]


def test_vietnamese_letter_has_formal_date_line_and_address() -> None:
    doc = compose(load_workspace(ROOT), "harris-2021", "vi")
    dateline = doc.parts_with("dateline")[0]
    assert _text(dateline) == ["Ngày 04 tháng 8 năm 2021"]
    recipient = plain_text(doc.parts_with("recipient")[0].blocks[0].inlines)  # type: ignore[union-attr]
    assert recipient.startswith("Kính gửi Bà Kamala D. Harris Phó Tổng thống Hợp chủng quốc Hoa Kỳ")
    assert _text(doc.parts_with("closing")[0]) == ["Trân trọng,"]


def test_a_source_cited_twice_keeps_one_number() -> None:
    doc = compose(load_workspace(ROOT), "harris-2021", "en")
    assert _all_refs(doc) == [1, 1]
    assert len(doc.notes) == 1
    assert plain_text(doc.notes[0].inlines) == (
        "Vietnam Human Rights Network, Report on Human Rights in Vietnam 2020–2021. "
        "https://www.vietnamhumanrights.net"
    )


def test_notes_are_numbered_by_first_use_in_each_language() -> None:
    ws = load_workspace(ROOT)
    for lang in ("en", "vi"):
        doc = compose(ws, "biden-2023", lang)
        # journalists (RSF country page) then the index, then the journalists again in demand 2
        assert _all_refs(doc) == [1, 2, 1]
        assert [n.number for n in doc.notes] == [1, 2]
    vi = compose(ws, "biden-2023", "vi")
    assert plain_text(vi.notes[1].inlines) == (
        "Phóng viên Không Biên giới (RSF), Bảng xếp hạng Tự do Báo chí Thế giới 2023, "
        "ngày 3 tháng 5 năm 2023. https://rsf.org/en/index"
    )


def test_places_cited_are_gathered_in_the_note(minimal: Path) -> None:
    _body(minimal, "One.[@report, p. 12] Two.[@report; @report, p. 14] Three [@report, p. 12].")
    doc = compose(load_workspace(minimal), "test-letter", "en")
    assert _all_refs(doc) == [1, 1, 1, 1]
    assert plain_text(doc.notes[0].inlines) == "Annual Report, January 15, 2024, p. 12, p. 14."


def test_fact_prints_the_figure_in_the_language_and_cites_its_source(minimal: Path) -> None:
    (minimal / "data" / "facts.yaml").write_text(
        "held:\n  value: 12500\n  as_of: 2024-01-01\n  source: report\n  locator: p. 3\n",
        encoding="utf-8",
    )
    _body(
        minimal,
        'We count {{ fact("held") }} and {{ fact("held", cite=false) }}.',
        'Có {{ fact("held") }} người.',
    )
    ws = load_workspace(minimal)
    en = document_text(compose(ws, "test-letter", "en"))
    vi = document_text(compose(ws, "test-letter", "vi"))
    assert "We count 12,500[1] and 12,500." in en
    assert "[1] Annual Report, January 15, 2024, p. 3." in en
    assert "Có 12.500[1] người." in vi


def test_run_in_headings_in_prose(minimal: Path) -> None:
    _body(minimal, "## Press freedom\n\nJournalists are jailed.\n\n## Land rights\n\nFarmers too.")
    doc = compose(load_workspace(minimal), "test-letter", "en")
    body = doc.parts_with("body")[0].blocks
    assert [plain_text(b.heading or []) for b in body if isinstance(b, Paragraph)] == [
        "Press freedom.",
        "Land rights.",
    ]
    assert "Press freedom. Journalists are jailed." in document_text(doc)


def test_names_stay_literal_text(minimal: Path) -> None:
    (minimal / "data" / "organizations.yaml").write_text(
        "free:\n  name: '*Free* [VN] #1 <b>&amp; {{ x }}'\n", encoding="utf-8"
    )
    doc = compose(load_workspace(minimal), "test-letter", "en")
    signer = doc.parts_with("signatures")[0].blocks[0]
    assert isinstance(signer, Paragraph)
    assert signer.inlines == [Strong([*signer.inlines[0].children])]  # type: ignore[union-attr]
    assert plain_text(signer.inlines) == "*Free* [VN] #1 <b>&amp; {{ x }}"


def test_prose_cannot_reach_outside_the_sandbox(minimal: Path) -> None:
    _body(minimal, "{{ fact.__globals__ }}")
    with pytest.raises(DataError, match="cannot render this text"):
        compose(load_workspace(minimal), "test-letter", "en")


def test_a_part_marker_in_prose_stays_text(minimal: Path) -> None:
    _body(minimal, "Before.\n\n<!-- @signatures -->\n\nAfter.")
    doc = compose(load_workspace(minimal), "test-letter", "en")
    assert len(doc.parts_with("signatures")) == 1
    assert "<!-- @signatures -->" in document_text(doc)


def test_workspace_template_overrides_the_builtin_one(minimal: Path) -> None:
    own = minimal / "templates" / "open-letter"
    own.mkdir(parents=True)
    (own / "letter.md.j2").write_text(
        "<!-- @body -->\n{{ _('Sincerely,') }} {{ salutation }}\n", encoding="utf-8"
    )
    ws = load_workspace(minimal)
    assert document_text(compose(ws, "test-letter", "vi")) == "Trân trọng, Kính thưa Bộ trưởng\n"


def test_broken_template_names_the_template_and_line(minimal: Path) -> None:
    own = minimal / "templates" / "open-letter"
    own.mkdir(parents=True)
    (own / "letter.md.j2").write_text("<!-- @body -->\nline two\n{{ nothing.here }}\n")
    with pytest.raises(TemplateError) as caught:
        compose(load_workspace(minimal), "test-letter", "en")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == (own / "letter.md.j2", 3)
    assert problem.message == "template error: 'nothing' is undefined"


@pytest.mark.parametrize(
    ("closing", "problem"),
    [
        ("Yours[@nosuch]", "unknown source 'nosuch' cited"),
        ("Yours `[@nosuch]`", None),  # in a code span: text, not a citation
        ("Yours [@report]", None),
    ],
)
def test_check_finds_what_composing_finds_in_a_template(
    closing: str, problem: str | None, minimal: Path, cli: Cli
) -> None:
    own = minimal / "templates" / "open-letter"
    own.mkdir(parents=True)
    (own / "letter.md.j2").write_text(
        "<!-- @body -->\n{{ letter.body }}\n<!-- @closing -->\n" + closing + "\n",
        encoding="utf-8",
    )
    for args in (["check"], ["draft", "test-letter"]):
        result = cli(*args, cwd=minimal)
        if problem is None:
            assert result.code == 0, result.err
        else:
            assert (result.code, result.err) == (
                65,
                f"templates/open-letter/letter.md.j2: {problem}\n",
            )


def test_template_without_markers_is_an_error(minimal: Path) -> None:
    own = minimal / "templates" / "open-letter"
    own.mkdir(parents=True)
    (own / "letter.md.j2").write_text("Just text\n")
    with pytest.raises(TemplateError, match="no part markers"):
        compose(load_workspace(minimal), "test-letter", "en")


def test_a_language_without_a_catalog_is_a_clear_error(minimal: Path) -> None:
    letter = (minimal / "data" / "letters" / "test-letter.yaml").read_text()
    letter = letter.replace("[en, vi]", "[en, fr]").replace("  vi: ", "  fr: ")
    _letter(minimal, letter)
    (minimal / "data" / "organizations.yaml").write_text("free:\n  name: Free\n")
    (minimal / "data" / "recipients.yaml").write_text(
        "minister:\n  name: Jan Novak\n  title: Ministre\n  salutation: Monsieur le Ministre\n"
    )
    (minimal / "data" / "sources.yaml").write_text("report:\n  title: Rapport\n")
    ws = load_workspace(minimal)
    with pytest.raises(DataError) as caught:
        compose(ws, "test-letter", "fr")
    problem = caught.value.problems[0]
    assert problem.message == "no catalog of phrases for language 'fr'"
    assert problem.field == "languages[1]"
    assert (problem.hint or "").startswith("run 'letterkit lang add fr' to create ")


def test_a_language_the_letter_is_not_in_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not written in 'fr'"):
        compose(load_workspace(ROOT), "harris-2021", "fr")


def test_date_override_changes_the_date_line() -> None:
    from datetime import date

    doc = compose(load_workspace(ROOT), "harris-2021", "vi", date=date(2022, 1, 9))
    assert _text(doc.parts_with("dateline")[0]) == ["Ngày 09 tháng 01 năm 2022"]


def test_place_comes_before_the_date(minimal: Path) -> None:
    letter = (minimal / "data" / "letters" / "test-letter.yaml").read_text()
    _letter(minimal, "place: {en: Paris, vi: Pa-ri}\n" + letter)
    ws = load_workspace(minimal)
    assert _text(compose(ws, "test-letter", "vi").parts_with("dateline")[0]) == [
        "Pa-ri, ngày 01 tháng 3 năm 2024"
    ]
    assert _text(compose(ws, "test-letter", "en").parts_with("dateline")[0]) == [
        "Paris, March 1, 2024"
    ]


SIGNERS = """\
free:
  name: Free Press Group
dang:
  name: Đặng Group
dan:
  name: Dân Group
an:
  name: An Group
zed:
  name: Zed Group
"""


def _signatories(minimal: Path, order: str, entries: str) -> None:
    (minimal / "data" / "organizations.yaml").write_text(SIGNERS, encoding="utf-8")
    (minimal / "data" / "people.yaml").write_text(
        "lan:\n  name: Trần Thị Lan\n  affiliation: {en: teacher, vi: giáo viên}\n",
        encoding="utf-8",
    )
    letter = (minimal / "data" / "letters" / "test-letter.yaml").read_text()
    head = letter.split("signatories:")[0]
    _letter(minimal, head + f"signatories:\n  order: {order}\n  entries:\n{entries}")


def _signature_names(doc: Document) -> list[list[str]]:
    groups = []
    for part in doc.parts_with("signatures"):
        groups.append(
            [
                plain_text(b.inlines).split(" ", 2)[0]
                for b in part.blocks
                if isinstance(b, Paragraph)
            ]
        )
    return groups


def test_alphabetical_order_is_vietnamese_aware_and_groups_tiers(minimal: Path) -> None:
    _signatories(
        minimal,
        "alphabetical",
        "    - {org: zed}\n    - {person: lan}\n    - {org: dang}\n    - {org: dan}\n"
        "    - {org: free, tier: lead}\n    - {org: an}\n",
    )
    doc = compose(load_workspace(minimal), "test-letter", "en")
    assert _signature_names(doc) == [["Free"], ["An", "Dân", "Đặng", "Zed"], ["Trần"]]
    assert [p.attrs["tier"] for p in doc.parts_with("signatures")] == [
        "lead",
        "organization",
        "individual",
    ]
    individual = doc.parts_with("signatures")[2].blocks
    assert isinstance(individual[0], Heading)
    assert plain_text(individual[0].inlines) == "In personal capacity"


def test_joined_order_puts_the_earliest_first(minimal: Path) -> None:
    _signatories(
        minimal,
        "joined",
        "    - {org: zed, joined: 2024-02-03}\n    - {org: an, joined: 2024-02-10}\n"
        "    - {org: dan}\n",
    )
    doc = compose(load_workspace(minimal), "test-letter", "en")
    assert _signature_names(doc) == [["Dân", "Zed", "An"]]


def test_unlisted_signers_are_counted_not_named(minimal: Path) -> None:
    _signatories(
        minimal,
        "as-listed",
        "    - {org: free}\n    - {org: dang, listed: false}\n    - {org: dan, listed: false}\n"
        "    - {person: lan, listed: false}\n",
    )
    ws = load_workspace(minimal)
    en = document_text(compose(ws, "test-letter", "en"))
    vi = document_text(compose(ws, "test-letter", "vi"))
    assert "Đặng" not in en and "Lan" not in en
    assert "and 2 organisations that cannot be named for their safety" in en
    assert "and 1 individual who cannot be named for their safety" in en
    assert "cùng 2 tổ chức không thể nêu tên vì lý do an toàn" in vi
    assert "cùng 1 cá nhân không thể nêu tên vì lý do an toàn" in vi


def test_several_recipients_get_a_general_salutation_and_cc(minimal: Path) -> None:
    (minimal / "data" / "recipients.yaml").write_text(
        (minimal / "data" / "recipients.yaml").read_text()
        + "envoy:\n  name: Ana Silva\n  title: {en: Special Envoy, vi: Đặc phái viên}\n"
        "  salutation: {en: Dear Envoy, vi: Kính thưa Đặc phái viên}\n"
        "aide:\n  name: Bo Lee\n  title: {en: Adviser, vi: Cố vấn}\n"
        "  salutation: {en: Dear Adviser, vi: Kính thưa Cố vấn}\n",
        encoding="utf-8",
    )
    letter = (minimal / "data" / "letters" / "test-letter.yaml").read_text()
    _letter(minimal, letter.replace("[minister]", "[minister, envoy]\ncc: [aide]"))
    ws = load_workspace(minimal)
    en = compose(ws, "test-letter", "en")
    assert len(en.parts_with("recipient")) == 2
    assert _text(en.parts_with("salutation")[0]) == ["Dear Sir or Madam,"]
    assert _text(en.parts_with("cc")[0]) == ["cc: Bo Lee, Adviser"]
    vi = compose(ws, "test-letter", "vi")
    assert _text(vi.parts_with("cc")[0]) == ["Đồng kính gửi: Bo Lee, Cố vấn"]


def test_named_cases_describe_charges_and_sentences() -> None:
    ws = load_workspace(ROOT)
    en = document_text(compose(ws, "biden-2023", "en"))
    assert (
        "- Phạm Đoan Trang, journalist: sentenced to 9 years in prison (2021)\n"
        "  under Article 88 of the 1999 Penal Code (propaganda against the\n"
        "  State); imprisoned."
    ) in en
    assert "Trương Văn Dũng, activist: charged under Article 117 of the 2015" in en


@cache
def _example() -> Workspace:
    return load_workspace(ROOT)


# Prose with fact() and case() calls only is filled in without the sandbox; it must
# come out exactly as the sandbox renders it.
_PIECES = [
    '{{ fact("arrests-2020-2021") }}', "{{fact('prisoners-of-conscience-2021')}}",
    '{{ fact("arrests-2020-2021", cite=false) }}', '{{ fact( "arrests-2020-2021" , cite = True ) }}',
    '{{ case("pham-doan-trang") }}', "{{ case('le-dinh-luong') }}", "{{ fact('no-such') }}",
    '{{ case("pham-doan-trang", cite=false) }}', '{{ "{{" }}', "{{- fact('arrests-2020-2021') }}",
    "{", "}", "{ {", "} }", "{%", "{#", "#}", "\n", "\n\n", " ", "[@x]", "\\", "*", "Việt ", "Tân.",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join))
@settings(max_examples=500, deadline=None)
def test_prose_with_helper_calls_only_renders_as_the_sandbox_does(text: str) -> None:
    for lang in ("en", "vi"):
        composer = _composer(_example(), "harris-2021", lang)
        filled = helpers_only(text, composer.ws, composer.fact, composer.case)
        if filled is None:
            continue
        assert filled == composer.sandboxed("letters/harris-2021", ("body", lang), text)


def test_the_example_prose_is_filled_in_without_the_sandbox() -> None:
    ws = _example()
    checked = 0
    for letter_id, letter in ws.letters.items():
        for lang in letter.languages:
            composer = _composer(ws, letter_id, lang)
            text = letter.body.get(lang) if letter.body is not None else None
            if text is None or "{{" not in text:
                continue
            filled = helpers_only(text, composer.ws, composer.fact, composer.case)
            assert filled is not None
            assert filled == composer.sandboxed(f"letters/{letter_id}", ("body", lang), text)
            checked += 1
    assert checked >= 2
