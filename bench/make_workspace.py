"""A large, deterministic workspace for the benchmark.

    python bench/make_workspace.py DIR [--scale S]

535 recipients (all in the group "congress", 40 also in "vietnam-caucus"), 1,000 cases,
500 organisations, 300 sources, 50 letters, every name Vietnamese with its diacritics.
Among the letters: "coalition-500", signed by 500 organisations and individuals, and
"congress-2026", addressed to the whole "congress" group. The same seed always gives
the same files. ``--scale`` multiplies every count (0.25 gives 134 recipients, 4 gives
2,140); the letters keep their names.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

RECIPIENTS = 535  # the members of Congress


@dataclass(frozen=True)
class Sizes:
    """How many of each record a workspace of a given scale has."""

    scale: float = 1.0

    def of(self, count: int) -> int:
        return max(1, round(count * self.scale))


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đình", "Bá", "Quốc", "Minh", "Thanh", "Ngọc", "Hữu", "Xuân"]
GIVEN = ["Thắng", "Hồng", "Lượng", "Tùng", "Ngữ", "Thêu", "Phương", "Tư", "Tĩnh", "Thức",
         "Đoan", "Trang", "Dũng", "Thụy", "Tôn", "Ánh", "Lợi", "Bách", "Hùng", "Sơn"]  # fmt: skip
PLACES = ["Hà Nội", "Sài Gòn", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng", "Nghệ An", "Đắk Lắk"]
WORDS = ["Hội", "Nhóm", "Mạng lưới", "Liên minh", "Ủy ban", "Phong trào", "Diễn đàn"]
TOPICS = ["Nhân quyền", "Tự do Báo chí", "Dân chủ", "Công lý", "Quyền Đất đai", "Môi trường",
          "Tự do Tôn giáo", "Người Lao động"]  # fmt: skip


def name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(root: Path, seed: int = 2026, scale: float = 1.0) -> None:
    """Write the workspace into ``root``, which must be new or empty."""
    n = Sizes(scale).of
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} is not empty: give a new folder")
    rng = random.Random(seed)
    data = root / "data"
    (data / "letters").mkdir(parents=True)
    out: dict[str, list[str]] = {}

    orgs = out.setdefault("organizations", [])
    people = out.setdefault("people", [])
    for i in range(n(500)):
        vi = f"{rng.choice(WORDS)} {rng.choice(TOPICS)} {rng.choice(PLACES)} {i}"
        orgs.append(
            f"org-{i}:\n  name:\n    en: {quoted(f'Association {i} for Human Rights')}\n"
            f"    vi: {quoted(vi)}\n  short: {quoted(f'A{i}')}\n"
            f"  email: office{i}@org{i}.example\n  contact: person-{i % min(100, n(140))}\n"
            f"  about:\n    en: An association for human rights, number {i}.\n"
            f"    vi: Một hội hoạt động vì nhân quyền, số {i}.\n"
        )
    for i in range(n(140)):
        people.append(
            f"person-{i}:\n  name: {quoted(name(rng) + f' {i}')}\n"
            f"  title: {{en: Coordinator, vi: Điều phối viên}}\n"
            f"  affiliation: {{en: Network {i}, vi: Mạng lưới {i}}}\n"
            f"  email: person{i}@people.example\n  phone: +1 555-01{i:02d}\n"
        )

    recipients = out.setdefault("recipients", [])
    for i in range(n(RECIPIENTS)):
        full = name(rng)
        groups = "[congress, vietnam-caucus]" if i < n(40) else "[congress]"
        recipients.append(
            f"member-{i}:\n  honorific: {{en: The Honorable, vi: Ông}}\n  name: {quoted(full)}\n"
            f"  title: {{en: Member of Congress, vi: Dân biểu Quốc hội}}\n"
            f"  address:\n    en: [United States Congress, 'Washington, DC 20515']\n"
            f"    vi: [Quốc hội Hoa Kỳ, 'Washington, DC 20515']\n"
            f"  salutation: {{en: {quoted('Dear ' + full)}, vi: {quoted('Kính thưa ' + full)}}}\n"
            f"  email: member{i}@congress.example\n  groups: {groups}\n"
        )

    out["laws"] = [
        "penal-code-2015:\n  name: {en: 2015 Penal Code, vi: Bộ luật Hình sự năm 2015}\n"
        "  articles:\n"
        "    '117': {en: propaganda against the State, vi: tuyên truyền chống Nhà nước}\n"
        "    '331': {en: abuse of democratic freedoms, vi: lợi dụng các quyền tự do dân chủ}\n"
    ]
    cases = out.setdefault("cases", [])
    for i in range(n(1000)):
        article = rng.choice(["117", "331"])
        cases.append(
            f"case-{i}:\n  name: {quoted(name(rng))}\n"
            f"  description: {{en: activist, vi: nhà hoạt động}}\n"
            f"  charges: [{{law: penal-code-2015, article: '{article}'}}]\n"
            f"  sentence: {{years: {rng.randint(1, 20)}, year: {rng.randint(2010, 2025)}}}\n"
            f"  status: imprisoned\n"
        )
    sources = out.setdefault("sources", [])
    for i in range(n(300)):
        sources.append(
            f"source-{i}:\n  kind: report\n  title:\n    en: Report number {i}\n"
            f"    vi: {quoted(f'Báo cáo số {i} về {rng.choice(TOPICS).lower()}')}\n"
            f"  publisher: {{en: Association {i % n(500)}, vi: Hội {i % n(500)}}}\n"
            f"  date: 20{10 + i % 15:02d}-0{1 + i % 9}-1{i % 10}\n"
            f"  url: https://reports.example/{i}\n"
        )
    facts = out.setdefault("facts", [])
    for i in range(n(100)):
        facts.append(
            f"fact-{i}:\n  value: {rng.randint(10, 5000)}\n"
            f"  label: {{en: people detained, vi: người bị giam giữ}}\n"
            f"  as_of: 2025-0{1 + i % 9}-15\n  source: source-{i}\n"
        )
    demands = out.setdefault("demands", [])
    for i in range(n(60)):
        named = ", ".join(f"case-{(i * 16 + k) % n(1000)}" for k in range(3))
        demands.append(
            f"demand-{i}:\n  text:\n"
            f"    en: Release the prisoners of conscience held under Article 117, as report "
            f"{i} documents[@source-{i}], including\n"
            f"    vi: Trả tự do cho các tù nhân lương tâm bị giam theo Điều 117, như báo cáo "
            f"{i} ghi nhận[@source-{i}], trong đó có\n"
            f"  summary:\n    en: release prisoners of conscience\n"
            f"    vi: trả tự do cho tù nhân lương tâm\n"
            f"  cases: [{named}]\n"
        )
    out["visits"] = [
        "hanoi-2026:\n  visitor: member-0\n  destination: {en: Hanoi, vi: Hà Nội}\n"
        "  start: 2026-12-10\n  end: 2026-12-12\n"
        "  occasion: {en: Congressional delegation to Hanoi, vi: Phái đoàn Quốc hội đến Hà Nội}\n"
    ]
    for collection, records in out.items():
        header = f"# Benchmark workspace: {collection}.\n\n"
        (data / f"{collection}.yaml").write_text(header + "\n".join(records), encoding="utf-8")

    for number in range(n(50)):
        letter_id = {0: "coalition-500", 1: "congress-2026"}.get(number, f"letter-{number:02d}")
        write_letter(data / "letters" / f"{letter_id}.yaml", number, rng, Sizes(scale))


def write_letter(path: Path, number: int, rng: random.Random, sizes: Sizes) -> None:
    n = sizes.of
    facts = [rng.randrange(n(100)) for _ in range(3)]
    sources = [rng.randrange(n(300)) for _ in range(2)]
    paragraph = {
        "en": 'Between 2020 and 2025 the authorities detained {{ fact("fact-%d") }} people '
        'for their peaceful activism, and {{ fact("fact-%d") }} remain in prison[@source-%d]. '
        'Among them is {{ case("case-%d") }}, sentenced under Article 117.',
        "vi": 'Từ năm 2020 đến năm 2025, nhà cầm quyền đã giam giữ {{ fact("fact-%d") }} người '
        'vì hoạt động ôn hòa, và {{ fact("fact-%d") }} người vẫn đang bị giam[@source-%d]. '
        'Trong số đó có {{ case("case-%d") }}, bị kết án theo Điều 117.',
    }
    body = {}
    for lang, text in paragraph.items():
        paragraphs = [
            text % (facts[0], facts[1], sources[k % 2], rng.randrange(n(1000))) for k in range(6)
        ]
        body[lang] = "\n\n".join(paragraphs)
    if number == 0:
        entries = [f"    - {{org: org-{i}}}" for i in range(n(440))]
        entries += [f"    - {{person: person-{i}}}" for i in range(n(60))]
        recipients, groups = "[member-0]", "[]"
    elif number == 1:
        entries = [f"    - {{org: org-{i}, tier: lead}}" for i in range(2)]
        entries += [f"    - {{org: org-{i}}}" for i in range(2, 30)]
        recipients, groups = "[]", "[congress]"
    else:
        chosen = sorted(rng.sample(range(n(500)), min(n(500), rng.randint(2, 40))))
        entries = [f"    - {{org: org-{i}}}" for i in chosen]
        recipients, groups = f"[member-{rng.randrange(n(RECIPIENTS))}]", "[]"
    demands = ", ".join(f"demand-{rng.randrange(n(60))}" for _ in range(3))
    cases = ", ".join(f"case-{rng.randrange(n(1000))}" for _ in range(12))
    lines = [
        f"# Benchmark letter {number}.",
        "kind: open-letter",
        "visit: hanoi-2026",
        "date: 2026-11-26",
        "languages: [en, vi]",
        f"recipients: {recipients}",
        f"groups: {groups}",
        "subject:",
        "  en: Human rights must be on the agenda of the delegation",
        "  vi: Nhân quyền phải có trong nghị trình của phái đoàn",
        "body:",
    ]
    for lang, text in body.items():
        lines.append(f"  {lang}: |")
        lines += [f"    {line}" if line else "" for line in text.split("\n")]
    lines += [
        "demands:",
        "  style: numbered",
        "  intro: {en: 'We ask you to:', vi: 'Chúng tôi đề nghị:'}",
        f"  items: [{', '.join(dict.fromkeys(demands.split(', ')))}]",
        f"cases: [{', '.join(dict.fromkeys(cases.split(', ')))}]",
        "signatories:",
        "  order: alphabetical",
        "  entries:",
        *entries,
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a new or empty folder")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count")
    args = parser.parse_args()
    write(args.folder, scale=args.scale)
    print(f"wrote the benchmark workspace to {args.folder}")


if __name__ == "__main__":
    main()


MINIMAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "minimal"
SIGNED_FILES = ("data/letters/signed.yaml", "data/organizations.yaml")


def write_signed(root: Path, count: int) -> None:
    """The minimal test workspace with a letter "signed" by ``count`` organisations,
    and a copy of the files a cosign changes in root/pristine/, to start again from."""
    import shutil

    shutil.copytree(MINIMAL, root)
    orgs = ["free:\n  name: Free Press\n  email: press@free.example\n"]
    entries = []
    for number in range(count):
        orgs.append(f"org-{number}:\n  name: Hội {number} vì Nhân quyền\n")
        entries.append(f"    - org: org-{number}\n      joined: 2024-02-01\n")
    (root / "data" / "organizations.yaml").write_text("\n".join(orgs), "utf-8")
    base = (root / "data" / "letters" / "test-letter.yaml").read_text("utf-8")
    signed = base.replace("    - org: free\n", "    - org: free\n" + "".join(entries))
    (root / "data" / "letters" / "signed.yaml").write_text(signed, "utf-8")
    for name in SIGNED_FILES:
        (root / "pristine" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / name, root / "pristine" / name)


def reset_signed(root: Path) -> None:
    """Put back the files a cosign changed."""
    import shutil

    for name in SIGNED_FILES:
        shutil.copy(root / "pristine" / name, root / name)
