"""Whether a signer agreed to be named: the consent questions of sign-on forms and
their answers, in English and Vietnamese.

A question asks either for consent to publish ("Can we publish your name?", "May we
list your name publicly?", "Công khai tên?") or for anonymity ("Do you wish to remain
anonymous?", "Ẩn danh?"): its polarity says what "yes" means. Some answers say it
themselves ("Publish my name", "Keep me anonymous", "Only my organisation", "Chỉ
nêu tên tổ chức"). An answer that cannot be read, or none, is never taken as
consent: the signer is held for a person to ask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..text import words

Answer = Literal["listed", "unlisted", "org-only"]
Polarity = Literal["publish", "withhold"]

# Phrases of a header (as lowercase ASCII words) that ask about being named.
_PUBLISH = (
    "publish", "published", "publicly", "public", "list my name", "list your name",
    "list our name", "listed", "display your name", "show your name", "name to appear",
    "cong khai", "neu ten", "dang ten", "ghi ten",
)  # fmt: skip
_WITHHOLD = (
    "anonymous", "anonymously", "unlisted", "withhold", "do not list", "do not publish",
    "don t list", "don t publish", "not be named", "an danh", "giau ten", "khong cong khai",
    "khong neu ten",
)  # fmt: skip
_CONSENT = ("consent", "permission", "dong y")  # about naming, but which way is unsaid

_YES = ("yes", "y", "yeah", "sure", "ok", "okay", "true", "x", "1", "co", "dong y", "duoc",
        "vang")  # fmt: skip
_NO = ("no", "n", "nope", "false", "0", "khong", "khong dong y")
# Answers that say what they mean, whatever the question.
_ORG_ONLY = re.compile(
    r"\b(only (my|our|the) (organi[sz]ation|group|org)|(organi[sz]ation|group|org) only|"
    r"(organi[sz]ation|group)s? name only|just (my|our|the) (organi[sz]ation|group)|"
    r"chi (neu |ghi |cong khai |dang )?(ten )?(to chuc|hoi doan|nhom))\b"
)
_SAYS_WITHHOLD = re.compile(
    r"\b(anonymous(ly)?|unlisted|do not (list|publish|name|include)|don t (list|publish|name)|"
    r"not (publicly|public)|keep (me|my name) (private|anonymous|off)|private|"
    r"an danh|giau ten|khong (cong khai|neu ten|dang ten))\b"
)
_SAYS_PUBLISH = re.compile(
    r"\b(publish|public(ly)?|list (me|my name)|cong khai|neu ten|dang ten)\b"
)


@dataclass(frozen=True)
class Question:
    """A consent question recognised in a header: what "yes" means, if it says."""

    polarity: Polarity | None


def _key(text: str) -> str:
    return " ".join(words(text))


def _has(key: str, phrases: Sequence[str]) -> bool:
    return any(re.search(rf"\b{re.escape(p)}\b", key) for p in phrases)


def question(header: str) -> Question | None:
    """The consent question ``header`` asks, or None if it asks none."""
    key = _key(header)
    withhold = _has(key, _WITHHOLD)
    publish = _has(re.sub(r"\b(khong cong khai|khong neu ten)\b", "", key), _PUBLISH)
    if withhold and not publish:
        return Question("withhold")
    if publish and not withhold:
        return Question("publish")
    if withhold or _has(key, _CONSENT):
        return Question(None)
    return None


def _reply(key: str) -> bool | None:
    """True for a yes ("Yes", "Có", "Đồng ý, ..."), False for a no, None for neither."""
    first, two = key.split(" ")[0], " ".join(key.split(" ")[:2])
    if two in _NO:
        return False
    if two in _YES or first in _YES:
        return True
    return False if first in _NO else None


def _said(key: str) -> Answer | None:
    """What an answer says by its own words ("Keep me anonymous", "Publish my name")."""
    if _ORG_ONLY.search(key):
        return "org-only"
    if _SAYS_WITHHOLD.search(key):
        return "unlisted"
    return "listed" if _SAYS_PUBLISH.search(key) else None


def answer(value: str, asked: Question) -> Answer | None:
    """What an answer means for the signer's listing, or None if it cannot be read
    (no answer, an answer in other words, or one that contradicts itself)."""
    key = _key(value)
    said, reply = _said(key), _reply(key)
    if said == "org-only" or reply is None:
        return said
    if asked.polarity is None:
        return said  # "Yes" to "Publish, or stay anonymous?" says nothing
    by_reply: Answer = "listed" if reply == (asked.polarity == "publish") else "unlisted"
    return by_reply if said in (None, by_reply) else None


def unreadable_column(asked: Question, values: Sequence[str]) -> str | None:
    """Why a column of answers cannot be read at all, or None if it can.

    A yes or a no to a question that does not say what "yes" means cannot be read;
    neither can a column where no answer reads.
    """
    answered = [_key(v) for v in values if _key(v)]
    if asked.polarity is None and any(_said(k) is None and _reply(k) is not None for k in answered):
        return "its answers are yes or no and the question does not say which way yes goes"
    if answered and all(answer(v, asked) is None for v in values if _key(v)):
        return "none of its answers reads as yes, no, or 'only my organisation'"
    return None
