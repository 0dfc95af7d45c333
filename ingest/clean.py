"""Text repair shared by every loader."""
from __future__ import annotations

import re

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def tidy(text: str) -> str:
    """Drop spaces that typesetting put between Chinese characters, digits and punctuation.

    A space survives only between two Latin letters, where it separates words.
    """

    def keep(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return " " if _ASCII_LETTER.match(before) and _ASCII_LETTER.match(after) else ""

    return _SPACES.sub(keep, text).strip()


def squash(text: str) -> str:
    """All whitespace removed: the form in which texts are compared."""
    return re.sub(r"\s+", "", text)
