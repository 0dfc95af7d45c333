"""Read a .txt or .md file into blocks: markdown `#` lines are titles, `##` lines headings."""
from __future__ import annotations

import re
from pathlib import Path

from .clean import tidy
from .types import Block, SourceError


def read_text(path: Path) -> list[Block]:
    raw = path.read_bytes()
    if not raw.strip():
        raise SourceError(path, "the file is empty", "replace it with the document's text")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"it is not UTF-8 text ({exc.reason} at byte {exc.start})", "save it as UTF-8") from exc

    blocks = []
    for line in content.splitlines():
        marker = re.match(r"^(#{1,6})\s*", line)
        text = tidy(line[marker.end():] if marker else line).replace("**", "")
        if not text:
            continue
        kind = "para"
        if marker:
            kind = "title" if len(marker.group(1)) == 1 else "heading"
        blocks.append(Block(text, kind))
    return blocks
