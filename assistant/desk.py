"""What the web app and scripts ask of the desk besides a conversation: a message checked before it is answered, an
operator's lookup (by item number, keywords or a caller's words), an item's card, and one standard reply to read out.

The conversation itself is the answerer's (assistant/answer.py); this module only shapes its passages for the seat.
"""
from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field

from ingest.pipeline import last_ingest
from ingest.structure import FIELDS
from ingest.types import Chunk

from .amounts import payable
from .answer import MIN_SCORE, Answerer, clauses_of
from .lexicon import lexicon
from .retrieval import number_of, words
from .types import Citation
from .understand import item_digits, item_number, normalize, understand

MAX_CHARS = 500  # a question longer than this is refused at once: a caller's question is a sentence or two
EXAMPLE = "我奶奶九十二岁，每个月能领多少高龄津贴？"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
# the fields of an item card, in the order an operator reads them out
CARD_FIELDS = ("服务对象", "服务内容", "服务标准", "支出责任", "牵头负责单位")


def cleaned(message: str) -> str:
    """The message without control and invisible characters (emoji and the rest stay), trimmed."""
    return _CONTROL.sub("", message or "").strip()


def refusal(message: str) -> str | None:
    """Why a message cannot be answered as it is (empty, too long), in the words shown to the user; None when it can."""
    text = cleaned(message)
    if not text:
        return f"请输入您想咨询的问题，例如：{EXAMPLE}"
    if len(text) > MAX_CHARS:
        return f"问题太长了（{len(text)}字）。请把问题控制在{MAX_CHARS}字以内，一次问一件事，例如：{EXAMPLE}"
    return None


def ask_record(answerer: Answerer, turns: list[str]) -> dict:
    """A conversation's last turn answered as the batch interface answers it (`python -m assistant batch`): the same
    JSON record, or one with an "error" when a turn cannot be answered as it is."""
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) for t in turns):
        return {"answered": False, "error": 'turns: a list of messages, e.g. ["高龄津贴每月多少", "一年呢？"]'}
    turns = [cleaned(t) for t in turns]
    for number, turn in enumerate(turns, start=1):
        if (why := refusal(turn)) is not None:
            return {"answered": False, "error": f"turn {number}: {why}"}
    return answerer.ask(turns[-1], history=turns[:-1]).to_json()


@dataclass
class Card:
    """A numbered item as an operator's seat shows it: every field, its pages, its amounts, and the reply to read."""

    number: int
    doc: str
    item: str
    path: list[str]
    fields: dict[str, str]
    pages: str
    amounts: list[dict] = field(default_factory=list)  # each stated amount: value, unit, per, condition, field
    reply: str = ""
    citations: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return asdict(self)


def reply(doc: str, item: str, fields: dict[str, Chunk]) -> str:
    """One standard wording for the seat to read out: the item by document and number, who qualifies, what it pays
    (the clauses stating amounts, or the whole standard) and who leads, each as the document writes it."""
    number, _, name = item.partition(".")
    said = []
    for key in ("服务对象", "服务标准", "牵头负责单位"):
        if (chunk := fields.get(key)) is not None:
            paid = payable(chunk) if key == "服务标准" else []
            text = clauses_of(chunk.text, [f.start for f in paid]) if paid else chunk.text
            said.append(f"{key}：{text.strip().rstrip('。；;')}")
    return f"根据《{doc}》第{number}项“{name}”，" + "；".join(said) + "。"


def card(answerer: Answerer, number: int) -> Card | None:
    """The card of the item with that number, or None when no item has it."""
    chunks = answerer.retriever.item_by_number(number)
    if not chunks:
        return None
    first = chunks[0]
    fields = {c.field: c for c in chunks if c.field in CARD_FIELDS}
    starts = [c.page_start for c in chunks if c.page_start is not None]
    ends = [c.page_end or c.page_start for c in chunks if c.page_start is not None]
    pages = "" if not starts else f"第{min(starts)}页" if min(starts) == max(ends) else f"第{min(starts)}–{max(ends)}页"
    amounts = [{"value": f.value + (f"—{f.high}" if f.high else ""), "unit": f.unit, "per": f.per,
                "condition": f.condition, "field": c.field} for c in chunks for f in c.facts]
    return Card(number, first.doc, first.item, first.path, {k: c.text for k, c in fields.items()}, pages, amounts,
                reply(first.doc, first.item, fields), [asdict(Citation.of(c)) for c in chunks])


def card_of(answerer: Answerer, item: str) -> Card | None:
    """The card of an item named by its heading (48.老年人福利补贴), as lookups and the console name items."""
    return card(answerer, int(number_of(item)))


@dataclass
class Found:
    """One item (or article section) an operator's lookup found, best first."""

    doc: str
    item: str
    locator: str
    page: str
    field: str
    text: str
    score: float
    matched: list[str]  # the query's words the passage writes, for highlighting

    @classmethod
    def of(cls, chunk: Chunk, score: float, query_words: set[str]) -> Found:
        citation = Citation.of(chunk)
        return cls(chunk.doc, chunk.item, chunk.locator, citation.page_label, chunk.field, chunk.text, round(score, 4),
                   sorted((w for w in query_words if w in chunk.text), key=len, reverse=True))


@dataclass
class Lookup:
    query: str
    results: list[Found]
    took_ms: float
    message: str = ""  # why nothing was looked up (empty or too long a query)

    def to_json(self) -> dict:
        return asdict(self)


def chapters(answerer: Answerer) -> list[str]:
    """The chapters of the numbered items, in document order, for the console's filter."""
    return list(dict.fromkeys(c.path[0] for c in answerer.retriever.chunks() if c.item and c.path))


def departments(answerer: Answerer) -> list[str]:
    """The departments that lead items (牵头负责单位), each once, for the console's filter."""
    # 自治区民政厅 and 民政厅 are one department (a list names the region once: 自治区民政厅、卫生健康委)
    named = [part.strip().removeprefix("自治区") for c in answerer.retriever.chunks() if c.field == "牵头负责单位"
             for part in re.split(r"[、，,]", c.text.rstrip("。"))]
    return sorted({n for n in named if n}, key=lambda n: (-sum(n in m for m in named), n))


def _only_a_reference(text: str) -> bool:
    """Whether the query says nothing but an item number and, maybe, which field of it."""
    rest = lexicon().item_number.pattern.sub("", item_digits(text))
    return not [w for w in words(rest) if w.strip("，,。？?：: ") and not any(w in f for f in FIELDS)]


def lookup(answerer: Answerer, query: str, k: int = 8, chapter: str = "", department: str = "") -> Lookup:
    """The items an operator's query finds: the item it names by number (48, 第48项, 48项 标准) first, then what the
    search finds for its words, one passage per item; filtered by chapter and by leading department when given."""
    started = time.perf_counter()
    if (why := refusal(query)) is not None:
        return Lookup(query, [], 0.0, why)
    text = normalize(cleaned(query))
    said = {w for w in words(text) if len(w) > 1 and w not in lexicon().stop}
    # an item named by number comes first (the answerer pins it); a bare number is one too
    understanding = understand([f"第{text}项" if text.isdigit() else text], answerer.vocabulary)
    seen, hits = set(), []
    for hit in answerer.retrieve(understanding):
        if (key := (hit.chunk.doc, hit.chunk.item or hit.chunk.id)) not in seen:
            seen.add(key)
            hits.append((hit.chunk, hit.score))

    def kept(chunk: Chunk) -> bool:
        if chapter and (not chunk.path or chunk.path[0] != chapter):
            return False
        if department:
            leads = answerer.retriever.item_field(chunk, "牵头负责单位") if chunk.item else None
            return leads is not None and department in leads.text
        return True

    # an item asked for by number alone (48, 第48项, 48项 标准) is that item, not a list of others
    if (number := item_number(text)) is not None and _only_a_reference(text):
        hits = [(c, s) for c, s in hits if c.item and number_of(c.item) == str(number)]
    found = [Found.of(c, s, said) for c, s in hits if kept(c)][:k]
    return Lookup(query, found, round((time.perf_counter() - started) * 1000, 1))


@dataclass
class Indexed:
    """What the index holds, for staff: each file's documents, pages, passages and amount facts, the last ingest and
    the embedding model."""

    documents: list[dict]
    passages: int
    facts: int
    last_ingest: str  # its time (UTC), or "" before the first ingest into this data folder
    embeddings: str

    def to_json(self) -> dict:
        return asdict(self)


def indexed(answerer: Answerer) -> Indexed:
    settings = answerer.retriever.settings
    documents: dict[str, dict] = {}
    for chunk in answerer.retriever.chunks(latest=True):
        entry = documents.setdefault(chunk.source, {"source": chunk.source, "documents": [], "pages": 0,
                                                    "passages": 0, "facts": 0})
        if chunk.doc not in entry["documents"]:  # one file may hold several (a notice and its standard, two articles)
            entry["documents"].append(chunk.doc)
        entry["pages"] = max(entry["pages"], chunk.page_end or chunk.page_start or 0)
        entry["passages"] += 1
        entry["facts"] += len(chunk.facts)
    rows = sorted(documents.values(), key=lambda d: d["source"])
    return Indexed(rows, sum(d["passages"] for d in rows), sum(d["facts"] for d in rows),
                   last_ingest(settings).get("at", ""), settings.embeddings)


def handoff(answerer: Answerer, question: str) -> str:
    """For a question the documents do not answer: a note to transfer the caller, naming the nearest numbered item
    the search finds and the department that leads it, with no figure of its own."""
    # an item the search ranks this low shares only words with the question, not its subject (路灯坏了 → 留守儿童)
    nearest = next((f for f in lookup(answerer, question).results if f.item and f.score >= MIN_SCORE), None)
    leads = card_of(answerer, nearest.item).fields.get("牵头负责单位") if nearest else None
    if leads is None:
        return "转接建议：文件没有相关规定，请按热线流程转人工或相关部门。"
    return (f"转接建议：文件没有直接回答这个问题。最相近的事项是“{nearest.item}”，牵头负责单位为"
            f"{leads.rstrip('。')}，可转该部门或按热线流程处理。")
