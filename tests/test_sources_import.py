"""``letterkit sources import`` and ``export``: CSL-JSON from reference managers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from letter_kit import load_workspace

from .conftest import Cli, snapshot

ZOTERO = [
    {
        "id": "http://zotero.org/users/local/abc/items/X1",
        "citation-key": "HRW_World_Report_2024",
        "type": "report",
        "title": "World Report 2024: Vietnam",
        "author": [{"literal": "Human Rights Watch"}],
        "publisher": "Human Rights Watch",
        "issued": {"date-parts": [[2024, 1]]},
        "URL": "https://www.hrw.org/world-report/2024/country-chapters/vietnam",
        "accessed": {"date-parts": [["2024", "2", "1"]]},
    },
    {
        "id": "nguyen2023",
        "type": "article-newspaper",
        "title": "Vietnam jails another blogger",
        "author": [{"literal": "Nguyễn Văn An"}, {"family": "Smith", "given": "Jane"}],
        "container-title": "The Example Times",
        "language": "vi",
        "issued": {"date-parts": [[2023]]},
        "DOI": "10.1000/xyz123",
    },
]
ADDED = """\

hrw-world-report-2024:
  kind: report
  title: 'World Report 2024: Vietnam'
  author: Human Rights Watch
  publisher: Human Rights Watch
  date: 2024-01
  url: https://www.hrw.org/world-report/2024/country-chapters/vietnam
  accessed: 2024-02-01

nguyen2023:
  kind: article
  title: Vietnam jails another blogger
  author:
    - Nguyễn Văn An
    - Jane Smith
  container: The Example Times
  date: 2023
  url: https://doi.org/10.1000/xyz123
"""


def _write(path: Path, items: object) -> Path:
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_import_adds_each_item_and_keeps_the_file_as_it_was(example: Path, cli: Cli) -> None:
    sources = example / "data" / "sources.yaml"
    before = sources.read_text(encoding="utf-8")
    result = cli("sources", "import", str(_write(example / "z.json", ZOTERO)), cwd=example)
    assert result.code == 0, result.err
    assert result.out == (
        "added: hrw-world-report-2024 (World Report 2024: Vietnam)\n"
        "added: nguyen2023 (Vietnam jails another blogger)\n"
        "2 added, 0 unchanged, 0 changed\n"
    )
    assert sources.read_text(encoding="utf-8") == before + ADDED  # comments and all kept
    ws = load_workspace(example)
    assert ws.sources["nguyen2023"].authors("en") == ["Nguyễn Văn An", "Jane Smith"]
    assert ws.sources["hrw-world-report-2024"].date == "2024-01"


def test_a_second_import_of_the_same_file_changes_nothing(example: Path, cli: Cli) -> None:
    file = str(_write(example / "z.json", ZOTERO))
    cli("sources", "import", file, cwd=example)
    before = snapshot(example)
    result = cli("sources", "import", file, cwd=example)
    assert result.out == "0 added, 2 unchanged, 0 changed\n"
    assert snapshot(example) == before  # byte for byte


def test_an_updated_entry_is_shown_and_applied_with_update(example: Path, cli: Cli) -> None:
    item = {"id": "rsf-vietnam", "type": "webpage", "title": "Vietnam",
            "publisher": "Reporters Without Borders (RSF)",
            "URL": "https://rsf.org/en/country/vietnam",
            "accessed": {"date-parts": [[2024, 3, 1]]}}  # fmt: skip
    file = str(_write(example / "z.json", [item]))
    before = snapshot(example)
    result = cli("sources", "import", file, cwd=example)
    assert result.out == (
        "changed: rsf-vietnam\n"
        "--- data/sources.yaml\n"
        "+++ data/sources.yaml\n"
        "@@ -38,3 +38,3 @@\n"
        "   url: https://rsf.org/en/country/vietnam\n"
        "-  accessed: 2023-09-04\n"
        "+  accessed: 2024-03-01\n"
        " \n"
        "0 added, 0 unchanged, 1 changed (not applied: add --update to apply the changes shown)\n"
    )
    assert snapshot(example) == before
    result = cli("sources", "import", file, "--update", cwd=example)
    assert result.out.endswith("0 added, 0 unchanged, 1 changed\n")
    source = load_workspace(example).sources["rsf-vietnam"]
    assert str(source.accessed) == "2024-03-01"
    assert source.title.get("vi") == "Việt Nam"  # the other language is kept


def test_vietnamese_text_updates_the_vietnamese_only(example: Path, cli: Cli) -> None:
    item = {"id": "rsf-vietnam", "type": "webpage", "title": "Việt Nam (cập nhật)",
            "language": "vi"}  # fmt: skip
    cli("sources", "import", str(_write(example / "z.json", [item])), "--update", cwd=example)
    title = load_workspace(example).sources["rsf-vietnam"].title
    assert (title.get("en"), title.get("vi")) == ("Vietnam", "Việt Nam (cập nhật)")


def test_export_then_import_is_a_round_trip(example: Path, minimal: Path, cli: Cli) -> None:
    cli("sources", "import", str(_write(example / "z.json", ZOTERO)), cwd=example)
    exported = cli("sources", "export", "-f", "csl-json", cwd=example).out
    items = json.loads(exported)
    assert items[4] == {
        "id": "hrw-world-report-2024", "type": "report", "title": "World Report 2024: Vietnam",
        "author": [{"literal": "Human Rights Watch"}], "publisher": "Human Rights Watch",
        "issued": {"date-parts": [[2024, 1]]},
        "URL": "https://www.hrw.org/world-report/2024/country-chapters/vietnam",
        "accessed": {"date-parts": [[2024, 2, 1]]}, "language": "en",
    }  # fmt: skip
    # Into the workspace it came from: nothing changes.
    before = snapshot(example)
    file = _write(example.parent / "out.json", items)
    assert cli("sources", "import", str(file), cwd=example).out == (
        "0 added, 6 unchanged, 0 changed\n"
    )
    assert snapshot(example) == before
    # Into another: the same sources, in the language exported.
    (minimal / "data" / "sources.yaml").unlink()  # a workspace without sources, or letters
    (minimal / "data" / "letters" / "test-letter.yaml").unlink()
    cli("sources", "import", str(file), cwd=minimal)
    theirs, ours = load_workspace(example).sources, load_workspace(minimal).sources
    assert list(theirs) == list(ours)
    for sid, source in theirs.items():
        again = ours[sid]
        assert (again.kind, again.date, again.url, again.accessed) == (
            source.kind, source.date, source.url, source.accessed)  # fmt: skip
        assert again.title.get("en") == source.title.get("en")
        assert again.authors("en") == source.authors("en")
    assert cli("sources", "export", cwd=minimal).out == exported


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[{"id": "a", "title": "A",}]', "z.json:1:27: not JSON: Expecting property name "
         "enclosed in double quotes\n  hint: export the library again as CSL JSON\n"),
        ('{"id": "a"}', "z.json:1:1: CSL JSON is a list of items, [{...}, ...]\n"
         "  hint: export the library as CSL JSON\n"),
        ('[\n  {"id": "a",\n   "title": "A",\n   "URL": "ftp://x"}\n]',
         "z.json:4:4: item 1: URL: 'ftp://x' is not a web address starting with https:// or "
         "http://\n"),
        ('[\n  {"id": "a", "title": "A"},\n  {"id": "b"}\n]', "z.json:3:3: item 2: the item "
         "has no 'title'\n"),
        ('[{"id": "http://zotero.org/users/1/items/X", "title": "A"}]',
         "z.json:1:3: item 1: 'http://zotero.org/users/1/items/X' is an address, not a citation "
         "key: export the library with citation keys (Zotero: Better BibTeX), or give the item "
         "a 'citation-key'\n"),
        ('[{"id": "A_b", "title": "A"},\n {"id": "a-b", "title": "B"}]',
         "z.json:2:2: item 2: id 'a-b' is also item 1's\n"
         "  hint: give one of them another citation key\n"),
        ('[{"id": "a", "title": "A", "issued": {"date-parts": [[2020], [2021]]}}]',
         "z.json:1:28: item 1: 'issued' must be one date (a range cannot be a source's date)\n"),
        ('[{"id": "a", "title": "A", "accessed": {"date-parts": [[2021, 3]]}}]',
         "z.json:1:28: item 1: accessed '2021-03' is not a whole date\n"),
    ],
)  # fmt: skip
def test_bad_csl_json_is_refused_at_its_place_and_nothing_written(
    example: Path, cli: Cli, text: str, expected: str
) -> None:
    (example / "z.json").write_text(text, encoding="utf-8")
    before = snapshot(example)
    result = cli("sources", "import", "z.json", cwd=example)
    assert (result.code, result.err) == (65, expected)
    assert snapshot(example) == before


def test_a_missing_file_is_missing_input(example: Path, cli: Cli) -> None:
    result = cli("sources", "import", "nothing.json", cwd=example)
    assert result.code == 66


def test_an_item_with_a_month_issued_shows_the_month_in_its_note(example: Path, cli: Cli) -> None:
    cli("sources", "import", str(_write(example / "z.json", ZOTERO)), cwd=example)
    letter = example / "data" / "letters" / "harris-2021.yaml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(
        text.replace("conscience were held in", "conscience[@nguyen2023, p. 4] were held in")
        .replace("tù nhân lương tâm đang bị giam", "tù nhân lương tâm[@hrw-world-report-2024] đang bị giam"),
        encoding="utf-8",
    )  # fmt: skip
    en = " ".join(cli("draft", "harris-2021", "-l", "en", "-f", "txt", cwd=example).out.split())
    vi = " ".join(cli("draft", "harris-2021", "-l", "vi", "-f", "txt", cwd=example).out.split())
    assert (
        "[2] Nguyễn Văn An and Jane Smith, “Vietnam jails another blogger”, The Example "
        "Times, 2023, p. 4. https://doi.org/10.1000/xyz123" in en
    )
    assert (
        "[2] Human Rights Watch, World Report 2024: Vietnam, tháng 1 năm 2024. "
        "https://www.hrw.org/world-report/2024/country-chapters/vietnam (truy cập ngày 1 tháng 2 "
        "năm 2024)." in vi
    )
