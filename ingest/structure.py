"""Split policy documents along their own structure into citable chunks.

Standards are laid out as chapter (一、幼有所育) › section (（一）优孕优生服务) › numbered item
(48.老年人福利补贴) › field (服务对象：… 服务标准：…); each field becomes one chunk. Articles are
title › heading › paragraph; long paragraphs are cut at sentence ends into windows. A file may hold
several documents (a notice and its attachment, several articles): each title starts one.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from .clean import squash
from .types import Block, Chunk

FIELDS = ("服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位", "摘要", "关键词", "中图分类号")
BIBLIOGRAPHIC = ("关键词", "中图分类号")  # an article's fields that describe it and answer no question about policy
_FIELD = re.compile(rf"^({'|'.join(FIELDS)})\s*[:：]\s*")
_CN_NUM = "一二三四五六七八九十"
_CHAPTER = re.compile(rf"^[{_CN_NUM}]+、")
_SECTION = re.compile(rf"^[（(]([{_CN_NUM}]+)[)）]\s*")
_ITEM = re.compile(r"^(\d{1,3})[.．]\s*(?=\D)")
# a run-in point heading: 一、严格按标执行。本标准… at a paragraph's start, or 三是待遇水平稳步提高。 after any sentence
_UNPAUSED = "[^。；，！？]"  # a character of a heading: no stop, no pause
_POINT_WORDS = f"{_UNPAUSED}{{2,24}}"
_POINT = re.compile(rf"(?:^|(?<=[。；]))([{_CN_NUM}]+(?:、|是){_POINT_WORDS})。")
_POINT_CUT = re.compile(rf"(?<=[。；])([{_CN_NUM}]+是{_POINT_WORDS})$")  # …三是全面织牢困难群众⏎(page break)
_POINT_REST = re.compile(rf"^({_UNPAUSED}{{1,12}})。")  # 众保障网。 where the text resumes: the cut heading's end
_OFFICIAL_TITLE = re.compile(r"^关于.{4,80}的(通知|意见|决定|办法|规定|批复|通报)$")
_TOC_LINE = re.compile(r"\.{3,}\s*\d+")
_SENTENCE_END = "。！？；…”’」』）)□"
WINDOW = 300  # characters per article window: one or two facts, small enough to quote


@dataclass
class _Doc:
    title: str
    blocks: list[Block] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # block index -> repair note
    point_rest: str = ""  # the end of a point heading cut at its last page, found printed in another document


def _is_heading_text(text: str) -> bool:
    return len(text) <= 40 and not re.search(r"[。；]", text)


def _split_documents(blocks: list[Block]) -> list[_Doc]:
    docs: list[_Doc] = []
    preamble: list[Block] = []  # letterhead etc. before the first title
    attachment_next = False
    for block in blocks:
        text = block.text
        if _TOC_LINE.search(text):
            continue
        starts_title = (
            (block.kind == "title" and len(text) >= 6)
            or (_OFFICIAL_TITLE.match(text) is not None)
            or (attachment_next and _is_heading_text(text))
        )
        attachment_next = squash(text) in ("附件", "附件：")
        if attachment_next:
            continue
        if starts_title:
            if not docs or squash(docs[-1].title) != squash(text):
                docs.append(_Doc(text, preamble))
                preamble = []
            continue
        if block.kind == "title":  # a short display line such as 文件 or 目录
            continue
        (docs[-1].blocks if docs else preamble).append(block)
    if not docs:
        docs.append(_Doc("", preamble))
    return docs


def _bigrams(text: str) -> Counter:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(rf"[{_SENTENCE_END}]+", text) if m.end() < len(text)]


def _reattach_truncated(docs: list[_Doc]) -> None:
    """Move a stray continuation back to the document it belongs to.

    Seen in the fiscal articles file: the first article stops mid-sentence where the second
    begins, and its last page is printed after the second article, which is itself cut off.
    When a document ends mid-sentence and a later one exists, the last document's closing
    sentences are compared (character bigrams) with each document's own text; the run of final
    sentences that reads like the truncated document is moved back to it.
    """
    for doc in docs[:-1]:
        paras = [b for b in doc.blocks if b.kind == "para"]
        if not paras or paras[-1].text[-1] in _SENTENCE_END:
            continue
        last = docs[-1]
        heads = [i for i, b in enumerate(last.blocks) if b.kind == "heading"]
        first_tail = heads[-1] + 1 if heads else 0
        other = _bigrams("".join(b.text for b in doc.blocks))
        # candidate cut points: sentence starts in the last section, as (block index, offset)
        cuts = [(i, o) for i in range(first_tail, len(last.blocks)) for o in _sentence_starts(last.blocks[i].text)]

        def reads_like_other(text: str, own_text: str) -> bool:
            grams = _bigrams(text)
            return _cosine(grams, other) > _cosine(grams, _bigrams(own_text))

        for n, (i, o) in enumerate(cuts):
            before = "".join(b.text for b in last.blocks[:i]) + last.blocks[i].text[:o]
            end = cuts[n + 1][1] if n + 1 < len(cuts) and cuts[n + 1][0] == i else len(last.blocks[i].text)
            tail = last.blocks[i].text[o:] + "".join(b.text for b in last.blocks[i + 1 :])
            if reads_like_other(last.blocks[i].text[o:end], before) and reads_like_other(tail, before):
                # the heading the document stops in may end just before the moved text (…困难群众 | 众保障网。切实…),
                # the character at the page break printed twice
                if o and (cut := _POINT_CUT.search(paras[-1].text)) and (rest := re.search(
                        rf"{re.escape(cut.group(1)[-1])}{_UNPAUSED}{{0,11}}(?=。\s*$)", last.blocks[i].text[:o])):
                    doc.point_rest = rest.group()
                head, moved = last.blocks[i].split(o) if o else (None, last.blocks[i])
                page = moved.page_at(0)
                moved_blocks = [moved, *last.blocks[i + 1 :]]
                last.blocks[i:] = [head] if head else []
                start = len(doc.blocks)
                doc.blocks.extend(moved_blocks)
                note = (
                    f"原文此段印在《{last.title}》中" + (f"（第{page}页）" if page else "")
                    + f"，内容接续《{doc.title}》，已归入本文"
                )
                doc.notes.update({start + k: note for k in range(len(moved_blocks))})
                break


def _windows(text: str) -> list[tuple[int, int]]:
    """Cut a long paragraph at sentence ends into spans of about WINDOW characters."""
    bounds = _sentence_starts(text) + [len(text)]
    spans, begin = [], 0
    for prev, end in zip(bounds, bounds[1:]):
        if end - begin > WINDOW and prev > begin:
            spans.append((begin, prev))
            begin = prev
    spans.append((begin, len(text)))
    return spans


def _normalise_heading(text: str) -> str:
    section = _SECTION.match(text)
    if section:
        return f"（{section.group(1)}）{text[section.end():]}"
    return text


def _chunk_document(doc: _Doc, source: str) -> list[Chunk]:
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []  # (level, heading)
    has_chapters = any(_CHAPTER.match(b.text) and _is_heading_text(b.text) for b in doc.blocks)
    seen_body = False

    point = ""  # the run-in point the text is under: it runs on over paragraphs (and page breaks) to the next one
    point_cut = False  # the point's heading was cut by a page break: the next paragraph ends it

    def set_heading(level: int, text: str) -> None:
        nonlocal point
        point = ""
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, _normalise_heading(text)))

    def current_item() -> str:
        return next((h for lvl, h in path if lvl == 3), "")

    def emit(text: str, block: Block, start: int, end: int, field_name: str, note: str) -> None:
        first, last = block.pages(start, end)
        chunks.append(
            Chunk(source=source, doc=doc.title, path=[h for _, h in path], text=text, field=field_name,
                  item=current_item(), page_start=first, page_end=last, note=note, point=point)
        )

    open_field: Chunk | None = None  # a field's text may run on over following paragraphs
    for index, block in enumerate(doc.blocks):
        text, note = block.text, doc.notes.get(index, "")
        if _is_heading_text(text) and not _FIELD.match(text):
            level = None
            if _CHAPTER.match(text):
                level = 1
            elif _SECTION.match(text):
                level = 2
            elif _ITEM.match(text):
                level = 3
            elif block.kind == "heading" or (current_item() and len(text) <= 15 and not re.search(r"[，、：:]", text)):
                if not seen_body and not path:
                    continue  # byline under the title
                level = 4 if current_item() else (2 if has_chapters else 1)
            if level is not None:
                set_heading(level, text)
                open_field = None
                continue
        seen_body = True
        label = _FIELD.match(text)
        if label:
            emit(text[label.end():], block, label.end(), len(text), label.group(1), note)
            open_field = chunks[-1]
            continue
        if open_field is not None and current_item():
            open_field.text += "\n" + text
            open_field.page_end = block.pages()[1] or open_field.page_end
            continue
        if point_cut and (rest := doc.point_rest or (found.group(1) if (found := _POINT_REST.match(text)) else "")):
            point = _rejoined(point, rest)
        starts = [m.start() for m in _POINT.finditer(text)]
        for part_begin, part_end in zip([0, *starts], [*starts, len(text)]):
            if part_begin == part_end:
                continue
            if head := _POINT.match(text, part_begin):
                point = head.group(1)
            for begin, end in _windows(text[part_begin:part_end]):
                begin, end = begin + part_begin, end + part_begin
                prev = chunks[-1] if chunks else None
                # short runs (letterheads, signatures, one-line paragraphs) read better as one passage
                if (prev is not None and not prev.field and (prev.path, prev.point) == ([h for _, h in path], point)
                        and not _POINT.match(text, begin) and prev.note == note
                        and len(prev.text) + end - begin <= WINDOW):
                    prev.text += "\n" + text[begin:end]
                    prev.page_end = block.pages(begin, end)[1] or prev.page_end
                else:
                    emit(text[begin:end], block, begin, end, "", note)
        point_cut = bool(cut := _POINT_CUT.search(text))
        if cut:
            point = cut.group(1)
    return chunks


def _rejoined(head: str, rest: str) -> str:
    """A heading cut by a page break and its rest, the character printed on both pages once (困难群众 + 众保障网)."""
    return head + rest[1:] if head[-1] == rest[0] else head + rest


def chunk_blocks(blocks: list[Block], source: str) -> list[Chunk]:
    docs = _split_documents(blocks)
    _reattach_truncated(docs)
    return [chunk for doc in docs for chunk in _chunk_document(doc, source)]
