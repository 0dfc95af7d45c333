"""Find the passages that answer a question: dense search in Chroma, optionally fused with BM25."""
from __future__ import annotations

import gc
import re
from copy import copy
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Callable, Iterable

import jieba
import numpy as np
from chromadb.errors import NotFoundError
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr
from threadpoolctl import ThreadpoolController

from ingest.config import Settings
from ingest.embeddings import load_embeddings
from ingest.index import Versions, from_metadata, stored
from ingest.structure import BIBLIOGRAPHIC
from ingest.types import Chunk

from .lexicon import PATH as LEXICON, Scope, lexicon
from .spelling import Respeller

jieba.setLogLevel(60)  # jieba prints its dictionary loading to stderr otherwise
for _term in lexicon().terms:
    jieba.add_word(_term)
RRF_K = 60  # reciprocal-rank fusion constant
QUERY_VECTORS = 4096  # query embeddings remembered (3 KB each)
CLOSENESS = 8  # queries whose cosines to every passage are remembered (at ×100 the corpus 350 KB each)
NEAR = 40  # report paragraphs an answer looks through for a figure, the nearest the question
QUOTED = 6  # the shortest run of a question that names the passages writing it
FEW = 2  # a run written by at most this many items names them
_QUOTE_MARKS = re.compile(r"[“”‘’\"'「」『』]")
_RUN = re.compile(r"(?:(?!的)[一-龥])+")  # a run of Chinese words; one ending in 的 modifies what follows
_TITLE = re.compile(r"《[^》]*》")
_NOT_HAN = re.compile(r"[^一-龥]+")
_HAN = re.compile(r"[一-龥]+")


@dataclass
class Hit:
    chunk: Chunk
    score: float  # cosine similarity to the question


@dataclass
class Lexical:
    """The index's lexical side for one index version: BM25 over jieba words, the passages, each item's whole
    text and heading, and the items using or naming a term (memoized: the answerer asks many times a question)."""

    bm25: object | None  # None for an empty index
    chunks: list[Chunk]
    vectors: np.ndarray  # the chunks' embeddings, in their order, each of length 1
    version: str | None  # the index version it was built from
    embed: Callable[[str], np.ndarray]  # a query's unit vector
    items: dict[tuple, str]
    headings: dict[tuple, str]
    numbered: frozenset = frozenset()  # the keys of numbered items (not article sections)
    standards: frozenset = frozenset()  # the source files with numbered items; the others hold articles
    vocabulary: frozenset = frozenset()  # every word of the passages, as the lexical index cuts them
    using: dict[str, frozenset] = field(default_factory=dict)
    named: dict[str, frozenset] = field(default_factory=dict)
    writing: dict[str, frozenset] = field(default_factory=dict)
    scoped: dict[frozenset, np.ndarray] = field(default_factory=dict)  # which passages a set of source files holds

    @cached_property
    def position(self) -> dict[str, int]:
        return {c.id: i for i, c in enumerate(self.chunks)}

    @cached_property
    def closeness(self) -> Callable[[str], np.ndarray]:
        """Every passage's cosine to a query, remembered for the last few: a question's search and its looks beyond the
        items found (report paragraphs, counts) weigh the same query against the same vectors."""
        def cosines(query: str) -> np.ndarray:
            vector = self.embed(query)
            # on one BLAS thread: OpenBLAS's threads spin a while after a call, and the embedding model's next query
            # then shares the cores with them (at ×100 the corpus 89 ms instead of 45); one thread takes 7 ms here
            with _blas().limit(limits=1, user_api="blas"):
                near = self.vectors @ vector
            near.flags.writeable = False
            return near
        return lru_cache(maxsize=CLOSENESS)(cosines)

    def within(self, sources: frozenset[str]) -> np.ndarray:
        """Which passages (a mask in index order) those source files hold."""
        if sources not in self.scoped:
            self.scoped[sources] = np.fromiter((c.source in sources for c in self.chunks), bool, len(self.chunks))
        return self.scoped[sources]

    @cached_property
    def twins(self) -> list[int]:
        """Each passage's look-alike group: the passages at the same place (heading path, field, and how many passages
        of its document are there before it) of each document share one. Another region's or year's version of a
        standard, or the bench's copies, repeat a passage with other figures."""
        groups: dict[tuple[str, int], int] = {}
        before: dict[tuple[str, str], int] = {}
        found = []
        for c in self.chunks:
            place = (c.locator, before.get((c.doc, c.locator), 0))
            before[(c.doc, c.locator)] = place[1] + 1
            found.append(groups.setdefault(place, len(groups)))
        return found

    @cached_property
    def by_unit(self) -> dict[str, list[int]]:
        """The positions of the passages stating a figure in each unit, in index order."""
        found: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            for unit in dict.fromkeys(f.unit for f in c.facts):
                found.setdefault(unit, []).append(i)
        return found

    @cached_property
    def stating(self) -> dict[str, frozenset]:
        """The items (article sections) stating each figure, by its value as written."""
        return _grouped(((c.doc, c.item or c.id), f.value) for c in self.chunks for f in c.facts)

    @cached_property
    def han_items(self) -> dict[str, frozenset]:
        """The items by their text's runs of Chinese characters (as `runs` for their own words): a term of Chinese
        characters alone is looked for once in each distinct text (versions of a document differing in figures)."""
        return _grouped((key, _NOT_HAN.sub("\x00", text)) for key, text in self.items.items())

    @cached_property
    def fields(self) -> dict[tuple, Chunk]:
        """Each item field's first passage by (doc, heading path, field), as a store query by those would find it."""
        found: dict[tuple, Chunk] = {}
        for c in self.chunks:
            found.setdefault((c.doc, tuple(c.path), c.field), c)
        return found

    @cached_property
    def by_path(self) -> dict[tuple, list[Chunk]]:
        """Each numbered item's (article heading's) passages by (doc, heading path), in index order."""
        found: dict[tuple, list[Chunk]] = {}
        for c in self.chunks:
            found.setdefault((c.doc, tuple(c.path)), []).append(c)
        return found

    @cached_property
    def by_number(self) -> dict[str, list[Chunk]]:
        """The passages of the numbered items by item number, in index order."""
        found: dict[str, list[Chunk]] = {}
        for c in self.chunks:
            if c.item:
                found.setdefault(number_of(c.item), []).append(c)
        return found

    @cached_property
    def alike(self) -> dict[tuple[str, str], list[Chunk]]:
        """One passage per document at each locator (heading path and field) that several documents hold: the same item
        in another region's or year's version of a standard (or the bench's synthetic copies)."""
        found: dict[str, dict[str, Chunk]] = {}
        for c in self.chunks:
            if c.path:
                found.setdefault(c.locator, {}).setdefault(c.doc, c)
        return {locator: list(docs.values()) for locator, docs in found.items() if len(docs) > 1}

    def warm(self) -> Lexical:
        """Everything derived from the whole index, built now (at load) rather than by the first question asking."""
        for name in ("position", "fields", "by_path", "by_number", "titles", "titles_text", "own_text", "runs",
                     "writes", "respeller", "reports", "alike", "twins", "by_unit", "stating", "han_items", "naming"):
            getattr(self, name)
        return self

    @cached_property
    def titles(self) -> frozenset[str]:
        return frozenset(c.doc for c in self.chunks)

    @cached_property
    def titles_text(self) -> str:
        """The documents' titles, apart: one search tells whether a run of Chinese is inside any of them."""
        return "\x00".join(self.titles)

    @cached_property
    def own_words(self) -> dict[tuple, str]:
        """Each item's text without the titles of the documents it cites, nor quotation marks (妇女“两癌”筛查 is
        written 妇女两癌筛查 by whoever quotes it)."""
        return {key: _QUOTE_MARKS.sub("", _TITLE.sub("", text)) for key, text in self.items.items()}

    @cached_property
    def own_text(self) -> str:
        """All items' own words, apart: one search tells whether any item writes a term."""
        return "\x00".join(self.own_words.values())

    @cached_property
    def runs(self) -> dict[str, frozenset]:
        """The items by the runs of Chinese their own words are made of (figures and marks left out): versions of a
        document that differ only in their figures are one text here, so a run is looked for once in each distinct
        text (at ×100 the corpus 112 texts instead of 11,300 items)."""
        return _grouped((key, _NOT_HAN.sub("\x00", text)) for key, text in self.own_words.items())

    @cached_property
    def writes(self):
        """Whether any item's own words use the term, remembered (at ×100 the corpus, a search of all of them takes a
        millisecond, and a question tries every run of its words)."""
        return lru_cache(maxsize=65536)(self.own_text.__contains__)

    @cached_property
    def respeller(self) -> Respeller:
        """The corpus's policy words by their sound, to read words typed by sound (底保 → 低保): those its headings or
        the lexicon use, so that ordinary speech is not taken for a typo of a word the text happens to use (乡有 is
        no 享有, 用要不要钱 no 用药)."""
        # each distinct heading and passage once: versions of a document repeat most of them word for word
        policy = " ".join(dict.fromkeys(self.headings.values())) + LEXICON.read_text(encoding="utf-8")
        return Respeller((w for w in self.vocabulary if w in policy),
                         "\n".join(dict.fromkeys(c.search_text for c in self.chunks)))

    @cached_property
    def reports(self) -> list[int]:
        """The positions of the article paragraphs (no item field) that state a figure."""
        return [i for i, c in enumerate(self.chunks) if not c.field and c.facts]

    @cached_property
    def naming(self) -> dict[str, frozenset]:
        """The numbered items by their heading (versions of a document repeat their headings)."""
        return _grouped((key, heading) for key, heading in self.headings.items() if key in self.numbered)


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _load(versions: Versions, version: str | None, embed: Callable[[str], np.ndarray]) -> Lexical:
    """Everything a question needs from one index version, read once from the store."""
    import bm25s

    _, metadatas, embedded = stored(versions.read(version), embeddings=True) if version else ([], [], [])
    chunks = [from_metadata(meta) for meta in metadatas]
    vectors = np.asarray(embedded, dtype=np.float32).reshape(len(chunks), -1 if chunks else 0)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    texts = [c.search_text for c in chunks]
    cut = {text: words(text) for text in dict.fromkeys(texts)}  # versions of a document repeat passages word for word
    index = None
    if chunks:
        index = bm25s.BM25()
        index.index([cut[text] for text in texts], show_progress=False)
    items: dict[tuple, list[str]] = {}
    for c in chunks:
        items.setdefault((c.doc, c.item or c.id), [" ".join(c.path)]).append(c.text)
    return Lexical(index, chunks, vectors, version, embed, {key: "".join(parts) for key, parts in items.items()},
                   {key: parts[0] for key, parts in items.items()}, frozenset((c.doc, c.item) for c in chunks if c.item),
                   frozenset(c.source for c in chunks if c.item), frozenset().union(*cut.values())).warm()


@lru_cache(maxsize=4096)
def _title_marks(title: str) -> frozenset[str]:
    """What a document's title could be named by: its numbers (a year) and its words (a region)."""
    return frozenset({*re.findall(r"\d+", title), *(w for w in words(title) if len(w) > 1)})


def number_of(item: str) -> str:
    """A numbered item's number as its heading writes it: 48.老年人福利补贴 → "48"."""
    return item.split(".")[0].strip()


def words(text: str) -> list[str]:
    return list(_cut(text))


@lru_cache(maxsize=65536)
def _cut(text: str) -> tuple[str, ...]:
    """The words of a text, remembered: the same clauses are cut for every question that weighs them (and at ×100 the
    corpus, for every version of a document)."""
    return tuple(w for w in jieba.lcut_for_search(text) if w.strip())


def _grouped(texts: Iterable[tuple[tuple, str]]) -> dict[str, frozenset]:
    """The keys by their text, each distinct text once: versions of a document repeat most of theirs."""
    found: dict[str, set] = {}
    for key, text in texts:
        found.setdefault(text, set()).add(key)
    return {text: frozenset(keys) for text, keys in found.items()}


def _keys_with(grouped: dict[str, frozenset], term: str) -> frozenset:
    """The keys of the grouped texts that use the term."""
    return frozenset().union(*(keys for text, keys in grouped.items() if term in text))


def _holding(memo: dict[str, frozenset], term: str, grouped: dict[str, frozenset],
             texts: dict[tuple, str] | None = None) -> frozenset:
    """The keys of the grouped texts that use the term, remembered in the memo. Where `grouped` holds only the texts'
    runs of Chinese characters, a term with other characters is looked for in the `texts` themselves (by key)."""
    if term not in memo:
        memo[term] = (_keys_with(grouped, term) if texts is None or _HAN.fullmatch(term)
                      else frozenset(key for key, text in texts.items() if term in text))
    return memo[term]


def _top(near: np.ndarray, m: int, allowed: np.ndarray | None = None) -> np.ndarray:
    """The positions of the m highest cosines (of the allowed passages), highest first and ties in index order: the
    first m of a stable sort of all of them, without sorting all."""
    scores = near if allowed is None else np.where(allowed, near, -np.inf)
    found = np.arange(len(scores))
    if m < len(scores):
        found = np.flatnonzero(scores >= np.partition(scores, len(scores) - m)[len(scores) - m])
    if allowed is not None:
        found = found[allowed[found]]
    return found[np.argsort(-scores[found], kind="stable")][:m]


def _one_per_item(hits: list[Hit]) -> list[Hit]:
    """Keep the best field of each numbered item, so the top k offers k different items."""
    seen, kept = set(), []
    for hit in hits:
        key = (hit.chunk.doc, hit.chunk.item or hit.chunk.id)
        if key not in seen:
            seen.add(key)
            kept.append(hit)
    return kept


class PolicyRetriever(BaseRetriever):
    """langchain retriever over the policy index; `search` keeps the scores the answerer needs."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    settings: Settings
    k: int = 8
    _versions = PrivateAttr()
    _embeddings = PrivateAttr()
    _lexical: Lexical | None = PrivateAttr(default=None)
    _query_vector = PrivateAttr()

    def model_post_init(self, __context) -> None:
        self._versions = Versions(self.settings)
        self._embeddings = load_embeddings(self.settings.embeddings)
        # questions repeat (a follow-up re-reads the turns before it; callers ask alike): each text is embedded once
        self._query_vector = lru_cache(maxsize=QUERY_VECTORS)(self._embed_query)
        # loaded now, so that the first question is as fast as the rest: the index version and the model's weights
        self._lexicon()
        self._embeddings.embed_query("预热")

    def _embed_query(self, query: str) -> np.ndarray:
        vector = np.asarray(self._embeddings.embed_query(query), dtype=np.float32)
        vector /= np.linalg.norm(vector)
        vector.flags.writeable = False
        return vector

    def version(self) -> str | None:
        """The index version questions read now; None before the first ingest."""
        return self._versions.current()

    def search(self, query: str, k: int | None = None, favoured: frozenset = frozenset(),
               scope: Scope | None = None) -> list[Hit]:
        """The best passage of each of the k best items; `favoured` items ((doc, item) keys, those the lexicon says
        the question names) rank as if a third list put them first; a `scope` keeps to that kind of document."""
        k = k or self.k
        lexical = self._lexicon(check=True)  # a question starts here: see whether the index changed since the last one
        if not lexical.chunks:
            return []
        sources = self._sources(scope) if scope else frozenset()
        # exact cosine over every stored vector, not Chroma's HNSW query: under CPU load that query now and then left
        # out the nearest passage (measured), and an answer must not depend on the machine's load
        near = lexical.closeness(query)
        order = _top(near, max(4 * k, 40), lexical.within(sources) if sources else None)
        dense = [Hit(lexical.chunks[i], float(near[i])) for i in order]
        if self.settings.lexical_weight <= 0:
            return _one_per_item(dense)[:k]
        fused: dict[str, list] = {}
        for rank, hit in enumerate(dense):
            fused[hit.chunk.id] = [1.0 / (RRF_K + rank), hit]
        # a scope filters the whole lexical ranking: its passages may all rank below the first forty
        ranking = self._bm25(query, len(lexical.chunks)) if sources else self._bm25(query, max(4 * k, 40))
        for rank, chunk in enumerate([c for c in ranking if not sources or c.source in sources][:max(4 * k, 40)]):
            entry = fused.setdefault(chunk.id, [0.0, Hit(chunk, float(near[lexical.position[chunk.id]]))])
            entry[0] += self.settings.lexical_weight / (RRF_K + rank)
        for entry in fused.values():
            if (entry[1].chunk.doc, entry[1].chunk.item or entry[1].chunk.id) in favoured:
                entry[0] += 1.0 / RRF_K
        ranked = sorted(fused.values(), key=lambda e: -e[0])
        # an article's keywords share its words with every question about it ("民生保障"): found only when named
        kept = [hit for _, hit in ranked if hit.chunk.field not in BIBLIOGRAPHIC or hit.chunk.field in query]
        return _one_per_item(kept)[:k]

    def _sources(self, scope: Scope) -> frozenset[str]:
        """The source files holding that kind of document."""
        lexical = self._lexicon()
        return lexical.standards if scope == "standard" else frozenset(c.source for c in lexical.chunks) - lexical.standards

    def item_field(self, chunk: Chunk, field: str) -> Chunk | None:
        """Another field of the same numbered item (under the same sub-heading), if it has one."""
        found = self._lexicon().fields.get((chunk.doc, tuple(chunk.path), field))
        # a copy, as a store query returns: the answerer tells passages apart by identity (a field found again is
        # quoted again, not taken for the passage it started from)
        return copy(found) if found else None

    def _lexicon(self, check: bool = False) -> Lexical:
        """The lexical side of the index version questions read, loaded whole when it changes: `search` checks once a
        question (reading the version's name costs about half a millisecond; a question makes many look-ups)."""
        if self._lexical is not None and not check:
            return self._lexical
        version = self.version()
        while self._lexical is None or self._lexical.version != version:
            try:
                self._lexical = _load(self._versions, version, self._query_vector)
            except NotFoundError:  # replaced twice while it loaded: load the newest
                version = self.version()
                continue
            # the previous version collected, then what is loaded kept out of the collector's way: it lives as long as
            # its version is read, and a full collection walking its objects (millions at ×100 the corpus) paused a
            # question by 250 ms
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        return self._lexical

    def chunks(self, latest: bool = False) -> list[Chunk]:
        """Every passage of the index version the question reads (`latest`: of the version current now)."""
        return self._lexicon(check=latest).chunks

    def stating_in(self, units: tuple[str, ...], query: str, n: int, besides: frozenset[str] = frozenset()) -> list[Chunk]:
        """The n passages nearest the query of those stating a figure in any of the units (but the `besides` ids), in
        index order."""
        lexical = self._lexicon()
        rows = sorted(set().union(*(lexical.by_unit.get(unit, ()) for unit in units)))
        return self._nearest([i for i in rows if lexical.chunks[i].id not in besides], query, n)

    def report_figures(self, query: str) -> list[Chunk]:
        """The article paragraphs that state a figure (a region's statistics and budgets), the NEAR of them nearest the
        query, in index order."""
        return self._nearest(self._lexicon().reports, query, NEAR)

    def _nearest(self, rows: list[int], query: str, n: int) -> list[Chunk]:
        """The n of the passages (positions) nearest the query, one of each look-alike group, in index order: what an
        answer looks through beyond the items the search found stays bounded however large the corpus (the real one
        has 13 report paragraphs with figures, ×100 the corpus 1,300, copies of those 13)."""
        lexical = self._lexicon()
        near = lexical.closeness(query)[rows]
        kept, groups = [], set()
        for i in np.asarray(rows, dtype=int)[np.argsort(-near, kind="stable")].tolist():
            if len(kept) == n:
                break
            if lexical.twins[i] not in groups:
                groups.add(lexical.twins[i])
                kept.append(i)
        return [lexical.chunks[i] for i in sorted(kept)]

    def versions_of(self, doc: str, locator: str) -> list[Chunk]:
        """The passage at the same heading path and field in each other document that holds it, in index order."""
        return [c for c in self._lexicon().alike.get(locator, []) if c.doc != doc]

    def named_versions(self, chunk: Chunk, text: str) -> list[Chunk]:
        """Of the chunk and its versions in other documents, those whose document the text names by what sets its
        title apart from the others' (a year, a region: 2021年版, 喀什地区)."""
        if not (others := self.versions_of(chunk.doc, chunk.locator)):
            return []
        versions = [chunk, *others]
        marks = {c.doc: _title_marks(c.doc) for c in versions}
        common = frozenset.intersection(*marks.values())
        said = {*re.findall(r"\d+", text), *words(text)}
        return [c for c in versions if (marks[c.doc] - common) & said]

    def item_chunks(self, chunk: Chunk) -> list[Chunk]:
        """Every passage of the chunk's numbered item (or of its article heading), in index order."""
        return list(self._lexicon().by_path.get((chunk.doc, tuple(chunk.path)), [chunk]))

    def item_text(self, chunk: Chunk) -> str:
        """All fields of the chunk's numbered item with its heading path (the chunk alone for an article paragraph)."""
        return self._lexicon().items.get((chunk.doc, chunk.item or chunk.id), chunk.search_text)

    def items_with(self, term: str) -> frozenset:
        """The items (article sections) whose text uses the term."""
        lexical = self._lexicon()
        return _holding(lexical.using, term, lexical.han_items, lexical.items)

    def items_named(self, term: str) -> frozenset:
        """The numbered items whose heading uses the term: the programmes it names. An article's headings are
        sentences (…待遇保障水平持续提高): their words name nothing."""
        lexical = self._lexicon()
        return _holding(lexical.named, term, lexical.naming)

    def items_stating(self, value: str) -> frozenset:
        """The numbered items (article sections) that state the figure: a figure the user quotes ("2670里自治区本级只出
        916") points to the passage it comes from."""
        return self._lexicon().stating.get(value, frozenset())

    def items_quoting(self, texts: tuple[str, ...], put: frozenset[str] = frozenset(),
                      shortest: int = QUOTED) -> frozenset:
        """The items (article sections) that write the longest run of the texts' words that few items write
        ("居民医保财政补助" names the report paragraph using it): a user quoting a passage's own phrase means it. A run
        inside a name `put` in for the user's words is not theirs; nor is a run only the title of a cited document
        (《80周岁以上老年人免费体检制度》) writes; a run of a document's own title names the document, no passage."""
        lexical = self._lexicon()
        runs = sorted({run for text in texts for run in _RUN.findall(text)}, key=len, reverse=True)
        for size in range(len(runs[0]) if runs else 0, shortest - 1, -1):
            said = {run[i:i + size] for run in runs for i in range(len(run) - size + 1)}
            found = [self._writing_run(s) for s in said if s not in lexical.titles_text and not any(s in name for name in put)]
            if quoting := frozenset().union(*(f for f in found if 0 < len(f) <= FEW)):
                return quoting
        return frozenset()

    def _writing_run(self, run: str) -> frozenset:
        """The items (article sections) whose own words write a run of Chinese characters (no figure, no mark)."""
        return _keys_with(self._lexicon().runs, run)

    def items_writing(self, term: str) -> frozenset:
        """The items (article sections) whose own words, outside the titles of the documents they cite, use the term.
        Terms are any runs of a question: one the corpus never writes is not remembered, so the memo stays bounded."""
        lexical = self._lexicon()
        return _holding(lexical.writing, term, lexical.runs, lexical.own_words) if lexical.writes(term) else frozenset()

    def respelled(self, text: str) -> str:
        """The text with words typed by their sound replaced by the corpus words they sound like (高令 → 高龄)."""
        return self._lexicon().respeller.respelled(text)

    def share_of_items_with(self, term: str) -> float:
        """Share of items whose text contains the term (0 for a word the corpus never uses)."""
        return len(self.items_with(term)) / max(len(self._lexicon().items), 1)

    def item_numbered(self, number: int) -> frozenset:
        """The item with that number, as items_with names items; empty when no item has it."""
        return frozenset((c.doc, c.item) for c in self.item_by_number(number))

    def item_by_number(self, number: int) -> list[Chunk]:
        """The passages of the numbered item (all its fields), in index order; [] when no item has that number."""
        return list(self._lexicon().by_number.get(str(number), []))

    def _bm25(self, query: str, k: int) -> list[Chunk]:
        lexical = self._lexicon()
        index, chunks = lexical.bm25, lexical.chunks
        # words that say nothing of a topic ("一个" of 一个月 would find 现存一个子女) rank nothing
        cut, generic = words(query), lexicon().generic
        said = [w for w in cut if w not in generic] or cut
        results, _ = index.retrieve([said], k=min(k, len(chunks)), show_progress=False)
        return [chunks[i] for i in results[0]]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(page_content=h.chunk.text, metadata={"doc": h.chunk.doc, "locator": h.chunk.locator,
                                                          "page": h.chunk.page_start, "score": h.score})
            for h in self.search(query)
        ]
