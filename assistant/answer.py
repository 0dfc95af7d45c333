"""The default answerer: deterministic, no language model. It quotes, and it computes only through the calculator.

It finds the item the question is about, picks the field the question asks for (amount →
服务标准, who → 服务对象, which department → 牵头负责单位 …). An amount question is answered from the
passage's amount facts (assistant/amounts.py); any other question gets the sentences of the field
that match it. Every answer cites its passage, and goes out through the number guard (assistant/guard.py).
"""
from __future__ import annotations

import re

from ingest.config import Settings
from ingest.facts import clause_spans
from ingest.pipeline import run as ingest
from ingest.types import Chunk

from .amounts import Worked, canonical, payable, work
from .counts import asked_units, find
from .dialogue import Dialogue
from .numbers import arabic
from .guard import Guarded
from .retrieval import Hit, PolicyRetriever, words
from .scope import outside
from .types import Answer, Citation

# Which field a question asks for, by its wording; first match wins.
INTENTS = [
    ("牵头负责单位", r"哪个部门|哪个单位|找谁|找哪|谁负责|谁管|哪里办|去哪|负责单位|牵头|主管"),
    ("支出责任", r"谁出钱|谁掏钱|谁来出|谁承担|资金.*(来源|承担|谁)|经费.*(谁|承担)|支出责任|分担|"
             r"(自治区|中央|国家|财政|地方|当地|县里|市里)[^，。？]{0,10}(出|承担|负担)[^，。？]{0,4}(多少|几成|比例|百分之)"),
    ("服务标准", r"多少|几块|几元|多钱|金额|标准|发多少|能领|领多少|补多少|补贴|补助|津贴|一年|每月|每个月"),
    ("服务对象", r"谁能|哪些人|什么人|条件|能不能|可不可以|可以.*(申请|享受|领)|符合|资格|够不够|算不算|有没有份"),
    ("服务内容", r"提供什么|有什么服务|包括|内容|干什么|做什么|管什么|免费"),
]
# Below this cosine similarity the best passage is not about the question (calibrated on evals/).
MIN_SCORE = 0.865
# A figure needs more: below this, an amount is given only if the item shares a topic word with the question.
FIGURE_SCORE = 0.89
_STOP = set("的 了 吗 呢 吧 啊 呀 我 我们 你 您 他 她 是 在 有 和 与 或 就 都 也 还 要 想 请问 一下 怎么 什么 多少 能 可以 个 这 那 咋".split())
# A word used by fewer than this share of items names a topic precisely.
RARE = 0.05
# Words any money question uses: they show no topic.
_GENERIC = set("多少钱 每月 一个 一个月 一年 每年 现在 今年 具体 标准 补贴 补助 政策 国家 政府 怎么 有没有 能不能 是不是 "
               "需要 办理 申请 一共 大概 最多 最少 家里 听说 是否 那个 这个 时候 的话 给多少 每人 每个".split())
# A question about money: answered from the passage's figures, not its wording.
_HOW_MUCH = re.compile(r"钱|几块|几元|\d\s*[元块]|[十百千万]\s*[元块]|金额|领多少|补多少|给多少|发多少|拿多少|免多少|赔多少|能领|能拿|"
                       r"百分之|比例|几成|(补贴|津贴|补助|金|低保|救助|扶助|工资|费|失业保险|待遇).{0,12}(多少|几)|"
                       r"(多少|几).{0,4}(补贴|津贴|补助|助学金|低保|养老金)|(月|年|天)[^，。？?]{0,4}多少|"
                       r"(涨|提高|增加)了?多少|一年呢|一个月呢|(标准|最低|最高)[^，。？?]{0,4}(多少|几)")
# "谁出钱" asks who pays, not how much.
_WHO_PAYS = re.compile(r"^(?!.*(多少|几成|比例|百分之)).*(谁|哪一级|哪级)")
# Where a clause's reference preamble ends ("根据《…》规定，"): quotes start after it.
_PREAMBLE = re.compile(r"(?:要求|规定|）|\))，")
_COUNTY = re.compile(r"(?![我咱你他这那本全各每])[一-龥]{2}县")  # 疏附县, not 我们县
# Everyday names of programmes → the documents' names, added to the search so both are found.
OFFICIAL = [(r"中职|中专|技校|职高", "中等职业教育"), (r"营养餐", "营养改善计划"), (r"高龄补贴|老人补贴", "高龄津贴"),
            (r"公卫", "公共卫生"), (r"医保", "医疗保险"), (r"社保", "社会保险"), (r"失业金", "失业保险金"), (r"吃低保", "最低生活保障")]


def official(query: str) -> str:
    return query + "".join(f" {name}" for pattern, name in OFFICIAL if re.search(pattern, query) and name not in query)


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP and len(w) > 1}


def _cited(question: str, body: str, citation: Citation, answered: bool) -> Answer:
    """An answer whose text ends with the line naming its source."""
    return Answer(question, f"{body}\n\n依据：{citation.reference}", answered, [citation])


# An age limit as the user puts it ("满四十岁才管吧", "未满18周岁的吧") and as the documents state it.
_CLAIMED_AGE = re.compile(r"(?:满|到|过)(\d{1,3})\s*周?岁(?:以上|以后)?[^，。？?]{0,3}(?:才|就|能|可以)|未满(\d{1,3})\s*周?岁")
_STATED_AGE = re.compile(r"(\d{1,3})\s*周?岁(?:（含\s*\d+\s*周岁）)?\s*(?:及)?以上|未满(\d{1,3})\s*周?岁|(\d{1,3})\s*周?岁以下")


def _age_premise(question: str, quote: str) -> str:
    """A correction when the user's age limit is not the one the quoted clause sets, else ""."""
    claimed = {int(a or b) for a, b in _CLAIMED_AGE.findall(arabic(question))}
    stated = {int(next(g for g in groups if g)) for groups in _STATED_AGE.findall(quote)}
    if not claimed or not stated or claimed & stated:
        return ""
    return f"不是{'、'.join(map(str, sorted(claimed)))}岁，文件规定的年龄是{'、'.join(map(str, sorted(stated)))}岁：\n"


def clauses_of(text: str, starts: list[int]) -> str:
    """The clauses holding the given offsets, verbatim and in order, each without its reference preamble."""
    kept = []
    for start, end in clause_spans(text):
        inside = [o for o in starts if start <= o < end]
        if not inside:
            continue
        clause = text[start:end]
        cut = [m.end() for m in _PREAMBLE.finditer(clause) if m.end() <= min(inside) - start]
        clause = clause[max(cut, default=0):].strip()
        kept.append(clause[:-1] + "。" if clause[-1] in "；;" else clause)
    return "".join(kept)


class Answerer(Guarded):
    def __init__(self, settings: Settings | None = None, retriever: PolicyRetriever | None = None):
        self.retriever = retriever or PolicyRetriever(settings=settings or Settings())

    def compose(self, dialogue: Dialogue) -> Answer:
        question = dialogue.message
        if not question:
            return Answer(question, "请输入您想咨询的问题，例如：“八十五岁老人每月有多少高龄津贴？”", False)
        if why := outside(question, lambda words: self.retriever.share_of_items_with(words) > 0):
            return Answer(question, why, False)
        hits = self.retriever.search(official(dialogue.query))  # a follow-up is searched with the messages it follows
        if not hits or hits[0].score < MIN_SCORE:
            return self._decline(question)
        chunk = self._pick_chunk(dialogue, hits)
        citation = Citation.of(chunk)
        if units := asked_units(question):
            return self._count(dialogue, hits, chunk, units)
        said = dialogue.quantities
        money = (any(_HOW_MUCH.search(m) for m in dialogue.topic) or bool(said.money) or said.share is not None
                 or said.base is not None) and not _WHO_PAYS.search(question)
        if money or (said.ages and payable(chunk)):
            if hits[0].score < FIGURE_SCORE and not self._shares_topic(dialogue, chunk):
                return self._decline(question)
            if answer := self._figure(dialogue, hits, chunk, money):
                return answer
        quote = self._pick_sentences(dialogue, chunk)
        return _cited(question, _age_premise(question, quote) + quote, citation, True)

    def _figure(self, dialogue: Dialogue, hits: list[Hit], chunk: Chunk, money: bool) -> Answer | None:
        """The answer to a question about an amount: computed from a fact, or saying the documents set none."""
        question = dialogue.message
        # a figure is stated in the item's standard; a share of the cost where the cost is split
        if money and chunk.item and chunk.field not in ("服务标准", "支出责任"):
            chunk = self.retriever.item_field(chunk, "服务标准") or chunk
        citation = Citation.of(chunk)
        worked = work(chunk, dialogue, citation.locator)
        if not worked and (elsewhere := self._figure_elsewhere(dialogue, hits[1:])):
            chunk, citation = elsewhere, Citation.of(elsewhere)
            worked = work(chunk, dialogue, citation.locator)
        # a standard holds in every county; a report's figure is the region's, not the county the user named
        if not chunk.field and (county := self._unknown_county(question)):
            lead = f"文件没有规定{county}的具体标准，{county}的金额请向当地民政、人社部门或12345热线咨询。文件中相关的规定是："
            return _cited(question, f"{lead}\n“{self._pick_sentences(dialogue, chunk)}”", citation, False)
        if worked:
            return self._amount(question, chunk, citation, worked)
        if money and chunk.field in ("服务标准", ""):  # a standard or a report paragraph with no figure for it
            lead = "文件没有写明具体金额或比例，原文是这样规定的："
            return _cited(question, f"{lead}\n“{self._pick_sentences(dialogue, chunk)}”", citation, False)
        return None

    def _count(self, dialogue: Dialogue, hits: list[Hit], chunk: Chunk, units: tuple[str, ...]) -> Answer:
        """A how-many question: the count quoted from the clause that states it, or the documents say none."""
        question = dialogue.message
        candidates = [self.retriever.item_chunks(hit.chunk) for hit in hits[:5]]
        # a statistic (万人次, 亿元) is often in a report paragraph the search ranks below the standards
        near = {c.id for chunks in candidates for c in chunks}
        candidates.append([c for c in self.retriever.chunks() if c.id not in near and any(f.unit in units for f in c.facts)])
        if counted := find(units, candidates, official(dialogue.query), self._weight):
            body = f"{counted.lead}\n原文：“{clauses_of(counted.chunk.text, [counted.fact.start])}”"
            return _cited(question, body, Citation.of(counted.chunk), True)
        lead = "文件没有写明具体的数目，相关的规定是："
        return _cited(question, f"{lead}\n“{self._pick_sentences(dialogue, chunk)}”", Citation.of(chunk), False)

    def _amount(self, question: str, chunk: Chunk, citation: Citation, worked: Worked) -> Answer:
        parts = [worked.lead]
        if worked.calculations:
            parts.append("计算：" + "；".join(c.expression for c in worked.calculations))
        parts.append(f"原文：“{clauses_of(chunk.text, worked.quote_at)}”")
        parts.append(f"依据：{citation.reference}")
        answered = worked.answered and not worked.asks_for
        return Answer(question, "\n".join(parts), answered, [citation], worked.calculations, worked.asks_for)

    def _topic_words(self, dialogue: Dialogue) -> dict[str, float]:
        """The question's words that name a topic the corpus knows, with the share of items using each."""
        return {w: share for w in _content_words(canonical(dialogue.query))
                if w not in _GENERIC and not w.startswith("每") and not w[0].isdigit()
                and (share := self.retriever.share_of_items_with(w)) > 0}

    def _weight(self, word: str) -> float:
        """A word few items use names the topic precisely, and counts double."""
        return 2.0 if self.retriever.share_of_items_with(word) < RARE else 1.0

    def _figure_elsewhere(self, dialogue: Dialogue, hits: list[Hit]) -> Chunk | None:
        """A report paragraph, the nearest first, whose figure sits in a clause about the question's own topic:
        the standard may say only which rules apply while a report gives the current figure (基础养老金, 低保,
        公卫补助). Another item's standard is another programme, so its figure never answers."""
        known = self._topic_words(dialogue)
        if not known:
            return None
        rarest = min(known, key=known.get)  # the word that names the topic most precisely must be in the clause
        best, most = None, 1  # and one more of the question's words at least
        near = [hit.chunk for hit in hits if not hit.chunk.field]
        seen = {c.id for c in near}
        for chunk in near + [c for c in self.retriever.chunks() if not c.field and c.id not in seen]:
            for fact in payable(chunk):
                clause = clauses_of(chunk.text, [fact.start])
                if rarest in clause and (shared := len([w for w in known if w in clause])) > most:
                    best, most = chunk, shared
        return best

    def _unknown_county(self, question: str) -> str:
        """A county the documents never name: its own figure is set locally, so no regional figure answers for it."""
        return next((name for name in _COUNTY.findall(question) if self.retriever.share_of_items_with(name) == 0), "")

    def _shares_topic(self, dialogue: Dialogue, chunk: Chunk) -> bool:
        """Whether the item uses a word of the question that the corpus knows and that is not money-question boilerplate."""
        item = self.retriever.item_text(chunk)
        return any(w in item for w in self._topic_words(dialogue))

    def _decline(self, question: str) -> Answer:
        text = (
            "抱歉，现有的政策文件里没有找到与这个问题相关的规定，我不能凭猜测回答。"
            "您可以换个说法再问，或拨打12345政务服务热线、12333人社服务热线咨询。"
        )
        return Answer(question, text, False)

    def _pick_chunk(self, dialogue: Dialogue, hits: list[Hit]) -> Chunk:
        """The top passage, or the field of the same item that the question asks for."""
        top = hits[0].chunk
        # a bare follow-up ("那九十岁的呢？") asks what the conversation was asking
        wanted = next((field for text in reversed(dialogue.topic) for field, pattern in INTENTS
                       if re.search(pattern, text)), None)
        if not top.item or not wanted or top.field == wanted:
            return top
        sibling = self.retriever.item_field(top, wanted)
        return sibling or top

    def _pick_sentences(self, dialogue: Dialogue, chunk: Chunk) -> str:
        """The clause of the passage that shares most words with the question, verbatim; the whole passage if none stands out."""
        clauses = [c for a, b in clause_spans(chunk.text) if (c := chunk.text[a:b].strip())]
        if len(clauses) <= 2:
            return chunk.text
        asked = _content_words(dialogue.query)
        scored = [(len(asked & _content_words(clause)), -index, clause) for index, clause in enumerate(clauses)]
        overlap, _, best = max(scored)
        if overlap == 0:
            return chunk.text
        return best.rstrip("；;") + "。" if best[-1] in "；;" else best


def ready_answerer(settings: Settings | None = None, log=print) -> Answerer:
    """An answerer over an index that exists: an empty index is built first, with its summary logged."""
    settings = settings or Settings()
    answerer = Answerer(settings)
    if answerer.retriever.size() == 0:
        log("索引为空，正在建立索引 (index is empty, building it)…")
        log(ingest(settings).summary())
    return answerer
