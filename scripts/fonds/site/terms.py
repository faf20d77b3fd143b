"""Words for the pages: subjects' page paths; states, actions (``retention/wording.py``) and
rules (``retention/rule_text.py``) are worded once and re-exported here for the pages.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..retention.rule_text import describe_period, describe_rule
from ..retention.wording import ACTION_LABELS, STATE_LABELS
from .html import slug

__all__ = [
    "ACTION_LABELS",
    "STATE_LABELS",
    "counted",
    "describe_period",
    "describe_rule",
    "plural",
    "subject_src",
]


def subject_src(keyword: str) -> str:
    return f"indexes/subjects/{slug(keyword.lower())}.md"


IRREGULAR: Mapping[str, str] = {"hold in force": "holds in force", "class": "classes", "box": "boxes"}


def plural(n: int, word: str) -> str:
    """``word`` as it goes with ``n``: "record" for 1, "records" otherwise (the one helper
    every page uses, so that no page says "1 records")."""
    if n == 1:
        return word
    return IRREGULAR.get(word, word + "s")


def counted(n: int, word: str) -> str:
    """``1 record``, ``2 records``, ``0 records``."""
    return f"{n} {plural(n, word)}"
