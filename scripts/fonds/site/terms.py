"""Words for the pages: subjects' page paths; states, actions (``retention/wording.py``) and
rules (``retention/rule_text.py``) are worded once and re-exported here for the pages.
"""

from __future__ import annotations

from ..retention.rule_text import describe_period, describe_rule
from ..retention.wording import ACTION_LABELS, STATE_LABELS
from .html import slug

__all__ = ["ACTION_LABELS", "STATE_LABELS", "describe_period", "describe_rule", "subject_src"]


def subject_src(keyword: str) -> str:
    return f"indexes/subjects/{slug(keyword.lower())}.md"
