"""A synthetic corpus N times the size of the real one, for the benchmark (python -m evals bench).

Each corpus file is read as ingest reads it (layout blocks) and written out N−1 times as markdown
(`#` titles, `##` headings, one paragraph a line; ingest/text.py reads it back): every copy gets its
own document titles (`…（仿真副本007）`) and its own figures — each run of digits in the body is replaced
by another of the same length (years and item numbers are kept), so a copy splits into the same
passages at the same places as the original, yet no two copies are alike. Copies are deterministic:
copy n of a file is the same at ×10 and at ×100, which lets the benchmark's embedding cache serve both.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from ingest.pdf import read_pdf
from ingest.pipeline import SUFFIXES
from ingest.text import read_text
from ingest.types import Block

_DIGITS = re.compile(r"\d+")
_YEAR = re.compile(r"(19|20)\d\d")
_ITEM_NUMBER = re.compile(r"^\d{1,3}[.．]")  # 48.老年人福利补贴: the item's own number stays
MIN_TITLE = 6  # shorter title lines (文件, 目录) are display lines, not document titles (ingest/structure.py)


_COPY_SUFFIX = re.compile(r"（仿真副本\d{3}）$")


def copy_suffix(number: int) -> str:
    return f"（仿真副本{number:03d}）"


def original_title(title: str) -> str:
    """The title a synthetic copy's document title was made from (any other title as it is)."""
    return _COPY_SUFFIX.sub("", title)


def _other_digits(run: str, rng: random.Random) -> str:
    """Another number with as many digits: about ±25 % of the value, never the same."""
    value, width = int(run), len(run)
    low, high = (1 if width == 1 else 10 ** (width - 1)), 10**width - 1
    candidates = range(max(low, round(value * 0.75)), min(high, round(value * 1.25)) + 1)
    choices = [c for c in candidates if c != value] or [c for c in range(low, high + 1) if c != value]
    return str(rng.choice(choices))


def perturb_numbers(text: str, rng: random.Random) -> str:
    """The text with every digit run changed, except years (19xx, 20xx), runs starting with 0 and a
    leading item number; the length of every run, hence of the text, is kept."""
    keep = _ITEM_NUMBER.match(text)
    start = keep.end() if keep else 0

    def swap(match: re.Match) -> str:
        run = match.group()
        if run[0] == "0" or (len(run) == 4 and _YEAR.fullmatch(run)):
            return run
        return _other_digits(run, rng)

    return text[:start] + _DIGITS.sub(swap, text[start:])


def read_blocks(path: Path) -> list[Block]:
    return read_pdf(path)[0] if path.suffix.lower() == ".pdf" else read_text(path)


def to_markdown(blocks: list[Block], number: int, rng: random.Random) -> str:
    """Copy `number` of a file's blocks as markdown: titles renamed, paragraphs' figures perturbed."""
    lines = []
    for block in blocks:
        text = block.text.replace("\n", "")
        if block.kind == "title":
            lines.append("# " + (text + copy_suffix(number) if len(text) >= MIN_TITLE else text))
        elif block.kind == "heading":
            lines.append("## " + text)
        else:
            lines.append(perturb_numbers(text, rng))
    return "\n\n".join(lines) + "\n"


def copy_path(out: Path, source: Path, number: int) -> Path:
    return out / f"{source.stem}.copy{number:03d}.md"


def write_copy(source: Path, blocks: list[Block], out: Path, number: int, seed: int = 0) -> Path:
    path = copy_path(out, source, number)
    path.write_text(to_markdown(blocks, number, random.Random(f"{seed}:{source.name}:{number}")), encoding="utf-8")
    return path


def replicate(corpus: Path, out: Path, factor: int, seed: int = 0) -> list[Path]:
    """out/ gets every file of corpus/ as it is and factor−1 synthetic copies of each; returns the copies."""
    out.mkdir(parents=True, exist_ok=True)
    copies = []
    for source in sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES):
        shutil.copy2(source, out / source.name)
        blocks = read_blocks(source) if factor > 1 else []
        copies += [write_copy(source, blocks, out, number, seed) for number in range(1, factor)]
    return copies


def revise(path: Path, seed: int) -> None:
    """A copy edited in place, as a revised document would be: its paragraphs get other figures again."""
    rng = random.Random(f"revise:{seed}:{path.name}")
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(line if line.startswith("#") else perturb_numbers(line, rng) for line in lines),
                    encoding="utf-8")
