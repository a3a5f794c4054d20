"""The index of known signers finds what comparing a name with every known name finds."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from letter_kit.change.matching import Directory, Known, fold, near, same
from letter_kit.workspace.loading import load_workspace

ROOT = Path(__file__).resolve().parent.parent
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Đình", "Bá", "Quốc", "Minh", "Thanh", "Ngọc", "Hữu", "Xuân"]
GIVEN = ["Thắng", "Hồng", "Lượng", "Tùng", "Ngữ", "Thêu", "Phương", "Tư", "Tĩnh", "Thức"]
PLACES = ["Hà Nội", "Sài Gòn", "Đà Nẵng", "Huế", "Cần Thơ", "Hải Phòng", "Nghệ An", "Đắk Lắk"]
WORDS = ["Hội", "Nhóm", "Mạng lưới", "Liên minh", "Ủy ban", "Phong trào", "Diễn đàn"]
TOPICS = ["Nhân quyền", "Tự do Báo chí", "Dân chủ", "Công lý", "Quyền Đất đai", "Môi trường"]


def one_by_one(name: str, known: Iterable[Known]) -> tuple[str, Known] | None:
    """The rule, applied to each known signer in turn: an exact name wins, then the
    first folded name, then the first near one."""
    folded = fuzzy = None
    key = fold(name)
    for signer in known:
        if any(same(name, other) for other in signer.names):
            return "exact", signer
        if folded is None and key and any(fold(o) == key for o in (*signer.names, *signer.aliases)):
            folded = signer
        if fuzzy is None and folded is None and any(near(name, o) for o in signer.names):
            fuzzy = signer
    found = folded or fuzzy
    return ("near", found) if found is not None else None


def variants(name: str, rng: random.Random) -> list[str]:
    """Ways a form or an email spells a name: a letter lost, the diacritics gone, a
    word cut short or dropped, another word added, the case changed."""
    words = name.split()
    out = [name, name.upper(), fold(name), " ".join(reversed(words))]
    index = rng.randrange(len(words))
    word = words[index]
    if len(word) > 3:
        cut = rng.randrange(len(word))
        out.append(" ".join([*words[:index], word[:cut] + word[cut + 1 :], *words[index + 1 :]]))
        out.append(" ".join([*words[:index], word[:3], *words[index + 1 :]]))
    if len(words) > 1:
        out.append(" ".join(words[:index] + words[index + 1 :]))
    out.append(f"{name} {rng.choice(PLACES)}")
    out.append(f"{rng.choice(WORDS)} {word}")
    return out


def test_the_index_finds_what_one_by_one_finds() -> None:
    rng = random.Random(7)
    ws = load_workspace(ROOT)
    known = [Known(oid, tuple(o.name.root.values()), oid,
                   tuple(o.short.root.values()) if o.short else ())
             for oid, o in ws.organizations.items()]  # fmt: skip
    known += [Known(pid, tuple(p.name.root.values()), pid) for pid, p in ws.people.items()]
    for number in range(300):
        kind = rng.choice([WORDS, FAMILY])
        if kind is WORDS:
            name = f"{rng.choice(WORDS)} {rng.choice(TOPICS)} {rng.choice(PLACES)}"
        else:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        known.append(Known(f"made-{number}", (name,), name))
    directory = Directory(known)
    names = [n for k in known for n in k.names]
    queries = [v for n in rng.sample(names, 120) for v in variants(n, rng)]
    queries += ["Amnesty Intl", "Reportes Without Boarders", "Network", "Hội", "", "!!!"]
    outcomes = {"exact": 0, "near": 0, None: 0}
    for query in queries:
        expected = one_by_one(query, known)
        assert directory.find(query) == expected, query
        outcomes[expected[0] if expected else None] += 1
    # The queries reach every rule: exact names, near ones, and names not known at all.
    assert min(outcomes.values()) > 50, outcomes


def test_a_signer_added_later_is_found_after_those_known_before() -> None:
    directory = Directory([Known("a", ("Hội Nhân Quyền",), "a")])
    directory.add(Known("b", ("Hội Nhân Quyền Mới",), "b"))
    assert directory.find("Hoi Nhan Quyen Moi") == ("near", directory.signers[1])
    assert directory.find("Hội Nhân Quyền Mới") == ("exact", directory.signers[1])
    assert directory.find("Nhân Quyền") == ("near", directory.signers[0])
