"""The default answerer: deterministic, no language model. It quotes; it never composes a figure.

It finds the item the question is about, picks the field the question asks for (amount →
服务标准, who → 服务对象, which department → 牵头负责单位 …), keeps the sentences of that field
that match the question (an age the user gave selects its bracket), and cites each passage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.config import Settings
from ingest.pipeline import run as ingest
from ingest.types import Chunk

from .numbers import read_numbers
from .retrieval import Hit, PolicyRetriever, words
from .types import Answer, Citation

# Which field a question asks for, by its wording; first match wins.
INTENTS = [
    ("牵头负责单位", r"哪个部门|哪个单位|找谁|找哪|谁负责|谁管|哪里办|去哪|负责单位|牵头|主管"),
    ("支出责任", r"谁出钱|谁掏钱|谁来出|谁承担|资金.*(来源|承担|谁)|经费.*(谁|承担)|支出责任|分担"),
    ("服务标准", r"多少|几块|几元|多钱|金额|标准|发多少|能领|领多少|补多少|补贴|补助|津贴|一年|每月|每个月"),
    ("服务对象", r"谁能|哪些人|什么人|条件|能不能|可不可以|可以.*(申请|享受|领)|符合|资格|够不够|算不算|有没有份"),
    ("服务内容", r"提供什么|有什么服务|包括|内容|干什么|做什么|管什么|免费"),
]
# Below this cosine similarity the best passage is not about the question (calibrated on evals/).
MIN_SCORE = 0.865
_STOP = set("的 了 吗 呢 吧 啊 呀 我 我们 你 您 他 她 是 在 有 和 与 或 就 都 也 还 要 想 请问 一下 怎么 什么 多少 能 可以 个 这 那 咋".split())
_AGE_RANGE = re.compile(r"(\d+)\s*(?:周岁|岁)?(?:（含\s*\d+\s*周岁）)?\s*(?:至|到|—|-|～|~)\s*(\d+)\s*(?:周岁|岁)")
_AGE_FLOOR = re.compile(r"(\d+)\s*(?:周岁|岁)(?:（含\s*\d+\s*周岁）)?\s*以上")
# The documents are Xinjiang's; a question about another province's policy is out of scope.
_ELSEWHERE = re.compile(
    "北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
    "四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|香港|澳门|台湾|深圳|广州|杭州|南京|武汉|成都|西安|兰州|西宁|银川|郑州|长沙"
)
_FOLLOW_UP = re.compile(r"^(那|那么|还有|另外|如果|要是)|呢[？?]?$|^.{1,8}$")
_CLAUSE = re.compile(r"[^。；;\n]+[。；;]?")


@dataclass
class Turn:
    """What the answerer needs of a conversation: the last message and what came before."""

    message: str
    context: str = ""


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP and len(w) > 1}


def _bracket_width(clause: str, numbers: list[int]) -> int | None:
    """Width of the narrowest age bracket in the clause that holds a number the user gave.

    None when the clause states brackets but none holds the number, 10**6 when it states none;
    titles of other documents (in 《》 and 〈〉) are not brackets.
    """
    plain = re.sub(r"《[^》]*》|〈[^〉]*〉", "", clause)
    ranges = [(int(a), int(b)) for a, b in _AGE_RANGE.findall(plain)]
    ranges += [(int(a), 10**5) for a in _AGE_FLOOR.findall(plain)]
    if not ranges:
        return 10**6
    widths = [hi - lo for lo, hi in ranges for n in numbers if lo <= n <= hi]
    return min(widths) if widths else None


class Answerer:
    def __init__(self, settings: Settings | None = None, retriever: PolicyRetriever | None = None):
        self.retriever = retriever or PolicyRetriever(settings=settings or Settings())

    def ask(self, question: str, history: list[str] | None = None) -> Answer:
        turn = Turn(question.strip(), " ".join(history or []))
        if not turn.message:
            return Answer(question, "请输入您想咨询的问题，例如：“八十五岁老人每月有多少高龄津贴？”", False)
        elsewhere = _ELSEWHERE.search(turn.message)
        if elsewhere and "新疆" not in turn.message:
            return Answer(question, f"抱歉，我只能解答新疆维吾尔自治区的政策文件，没有{elsewhere.group()}的相关规定。"
                                    f"请咨询当地政务服务热线12345。", False)
        follow_up = turn.context and _FOLLOW_UP.search(turn.message)
        # a follow-up is searched together with what came before
        hits = self.retriever.search(f"{turn.context} {turn.message}" if follow_up else turn.message)
        if not hits or hits[0].score < MIN_SCORE:
            return self._decline(question)
        chunk = self._pick_chunk(turn, hits)
        quote = self._pick_sentences(turn, chunk)
        citation = Citation.of(chunk)
        where = f"《{chunk.doc}》{chunk.locator}" + (f"（{citation.page_label}）" if citation.page_label else "")
        text = f"{quote}\n\n依据：{where}"
        return Answer(question, text, True, [citation])

    def _decline(self, question: str) -> Answer:
        text = (
            "抱歉，现有的政策文件里没有找到与这个问题相关的规定，我不能凭猜测回答。"
            "您可以换个说法再问，或拨打12345政务服务热线、12333人社服务热线咨询。"
        )
        return Answer(question, text, False)

    def _pick_chunk(self, turn: Turn, hits: list[Hit]) -> Chunk:
        """The top passage, or the field of the same item that the question asks for."""
        top = hits[0].chunk
        # a bare follow-up ("那九十岁的呢？") asks what the conversation was asking
        wanted = next((field for text in (turn.message, turn.context) for field, pattern in INTENTS
                       if re.search(pattern, text)), None)
        if not top.item or not wanted or top.field == wanted:
            return top
        sibling = self.retriever.item_field(top, wanted)
        return sibling or top

    def _pick_sentences(self, turn: Turn, chunk: Chunk) -> str:
        """The clauses of the passage that answer the question, verbatim; the whole passage if none stands out."""
        clauses = [c.strip() for c in _CLAUSE.findall(chunk.text) if c.strip()]
        if len(clauses) <= 2:
            return chunk.text
        asked = _content_words(f"{turn.context} {turn.message}")
        numbers = [int(n) for n in read_numbers(turn.message) if n == int(n)]
        scored = []
        for index, clause in enumerate(clauses):
            width = _bracket_width(clause, numbers) if numbers else 10**6
            if width is None:
                continue
            overlap = len(asked & _content_words(clause))
            scored.append((-width, overlap, -index, clause))
        best = max(scored, default=None)
        if best is None or best[0] <= -(10**6):
            return chunk.text
        return best[3].rstrip("；;") + "。" if best[3][-1] in "；;" else best[3]


def ready_answerer(settings: Settings | None = None, log=print) -> Answerer:
    """An answerer over an index that exists: an empty index is built first, with its summary logged."""
    settings = settings or Settings()
    answerer = Answerer(settings)
    if answerer.retriever.size() == 0:
        log("索引为空，正在建立索引 (index is empty, building it)…")
        log(ingest(settings).summary())
    return answerer
