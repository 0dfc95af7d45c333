"""The lexicon (assistant/lexicon.toml) loaded and validated once: fields, item numbers, references back,
synonyms, regions, places outside Xinjiang, uncovered topics, money and count questions, and the words
that carry no topic.

Every entry has examples; tests/test_lexicon.py checks each against its own pattern, so a change to an
entry is tested the moment it is made.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

PATH = Path(__file__).with_name("lexicon.toml")
Field = Literal["牵头负责单位", "支出责任", "服务对象", "服务内容", "服务标准"]
FIELDS: tuple[Field, ...] = ("牵头负责单位", "支出责任", "服务标准", "服务对象", "服务内容")
SynonymKind = Literal["programme", "condition", "term"]
Scope = Literal["article", "standard"]  # a kind of document: articles have no numbered items, a standard has


@dataclass(frozen=True)
class Rule:
    """A pattern with what it stands for, and the examples (and counter-examples) that show it."""

    name: str
    pattern: re.Pattern
    examples: tuple[str, ...]
    not_: tuple[str, ...] = ()
    kind: str = ""
    identifies: bool = False  # a programme's name that picks its item out from neighbours sharing its words
    dimension: str = ""  # a case's kind (level: 小学, 初中): a later case of one kind replaces an earlier one
    nearest: str = ""  # of a topic the documents do not cover, the field of an item that says what they do say of it


@dataclass(frozen=True)
class FieldRule:
    name: Field
    named: re.Pattern  # the field's own name as an operator types it
    asked: re.Pattern  # the everyday wording of a question about it
    examples: tuple[str, ...]
    not_: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    fields: tuple[FieldRule, ...]
    item_number: Rule
    reference: Rule
    synonyms: tuple[Rule, ...]
    regions: tuple[Rule, ...]
    elsewhere: Rule
    procedure: Rule  # where to go, a phone number, papers, the day money arrives: never in the documents
    question: Rule  # a part of a message that asks something
    uncovered: tuple[Rule, ...]
    how_much: Rule
    yes_no: Rule
    all_claimed: Rule  # everyone claimed to qualify
    who_pays: Rule
    member: Rule  # one of several people told one by one
    share_asked: Rule  # each payer's share of a sum
    per_one: Rule  # what one gets, or a share: never a total
    money_named: Rule  # money a follow-up names, asking its amount
    money_asked: Rule  # money asked beside a count of people
    roughly: Rule  # a figure asked roughly
    scale_asked: Rule  # a sum asked in 万 or 亿 (group scale)
    percent_asked: Rule  # a rate asked, answered by a figure in %
    rise: Rule  # a rise spoken of, asked or claimed
    risen_to: Rule  # the level a rise reached
    earlier: Rule  # the time before a figure was raised
    scopes: tuple[Rule, ...]  # name: the Scope a message names
    combine: tuple[Rule, ...]  # name: the operation ("add", "subtract") on the two answers before
    both: Rule  # the two things named before it summed ("两项加一起")
    measures: tuple[Rule, ...]  # kind holds the units, space-separated
    stop: frozenset[str]
    generic: frozenset[str]
    operations: frozenset[str]
    people: frozenset[str]
    groups: frozenset[str]  # people words naming a household or a group, not one person
    same_person: dict[str, str]  # another name of one person (爸爸 → 爸)
    payers: tuple[str, ...]
    local: frozenset[str]  # the governments below the region: one party
    places: frozenset[str]  # Xinjiang itself, by any of its names
    terms: tuple[str, ...]  # the documents' compound terms, added to the word segmenter's dictionary

    @cached_property
    def payer_pattern(self) -> re.Pattern:
        """Any of the payers, longest listed first (自治区本级 before 自治区)."""
        return re.compile("|".join(map(re.escape, self.payers)))

    @cached_property
    def conditions(self) -> frozenset[str]:
        """The documents' words for the cases a figure depends on, and the regions: slots, never topics."""
        return frozenset(r.name for r in self.synonyms if r.kind == "condition") | {r.name for r in self.regions}

    @cached_property
    def _dimensions(self) -> dict[str, str]:
        return {r.name: r.dimension for r in (*self.synonyms, *self.regions) if r.dimension}

    def party(self, payer: str) -> str:
        """Who a payer's name stands for: 中央 of 中央财政, 自治区 of 自治区本级, one local party for 地县/当地/地方."""
        core = min((p for p in self.payers if payer.startswith(p)), key=len, default=payer)
        return "地县" if core in self.local else core

    def is_place(self, word: str) -> bool:
        """Whether a word only says where: Xinjiang, a region (or part of its name: 四地州), a prefecture or county."""
        return word in self.places or any(r.pattern.search(word) or word in r.name for r in self.regions)

    def dimension(self, case: str) -> str:
        """The kind of case a condition is (小学 → level); a case of no declared kind is a kind of its own."""
        return self._dimensions.get(case, case)

    def rise_asked(self, text: str) -> bool:
        """Whether the increase itself is asked ("多了多少"), not the level it reached ("涨到多少")."""
        return bool(self.rise.pattern.search(text)) and not self.risen_to.pattern.search(text)

    def scope_named(self, text: str) -> Scope | None:
        """The kind of document a message names ("报告里说的…"), or None."""
        return next((r.name for r in self.scopes if r.pattern.search(text)), None)

    def units_asked(self, text: str) -> tuple[str, ...]:
        """The units of the figures a how-many question asks for, or () when it asks no count."""
        return next((tuple(m.kind.split()) for m in self.measures if m.pattern.search(text)), ())

    def _field_found(self, text: str) -> tuple[Field, re.Match, bool] | None:
        """The field a message asks for, the words asking it, and whether they name it outright: a field named
        outright first, then the everyday wording, each in the declared order."""
        for attribute in ("named", "asked"):
            if found := next(((f.name, m) for f in self.fields if (m := getattr(f, attribute).search(text))), None):
                return *found, attribute == "named"
        return None

    def field_asked(self, text: str) -> Field | None:
        """The field a message asks for: a field named outright first, then the everyday wording."""
        return found[0] if (found := self._field_found(text)) else None

    def field_wording(self, text: str) -> str | None:
        """The everyday words by which a message asks for a field (免费 of 有没有免费的报纸), None when the field is
        named outright or not asked."""
        return found[1].group() if (found := self._field_found(text)) and not found[2] else None


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"{PATH.name}: {where}: bad pattern ({exc})") from exc


def _rule(raw: dict, where: str, name_key: str = "name", pattern_key: str = "pattern") -> Rule:
    if not raw.get("examples"):
        raise ValueError(f"{PATH.name}: {where}: every entry needs examples")
    return Rule(raw.get(name_key, where), _compile(raw[pattern_key], where), tuple(raw["examples"]),
                tuple(raw.get("not", ())), raw.get("kind", ""), bool(raw.get("identifies", False)),
                raw.get("dimension", ""), raw.get("nearest", ""))


@cache
def lexicon(path: Path = PATH) -> Lexicon:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    fields = tuple(FieldRule(f["name"], _compile(f["named"], f["name"]), _compile(f["asked"], f["name"]),
                             tuple(f["examples"]), tuple(f.get("not", ()))) for f in raw["field"])
    if tuple(f.name for f in fields) != FIELDS:
        raise ValueError(f"{path.name}: fields must be {FIELDS} in this order of precedence")
    synonyms = tuple(_rule(s, f"synonym {s['means']}", "means", "says") for s in raw["synonym"])
    if bad := [s["name"] for s in raw["scope"] if s["name"] not in Scope.__args__]:
        raise ValueError(f"{path.name}: scope name must be one of {Scope.__args__}: {bad}")
    if bad := [s.name for s in synonyms if s.kind not in SynonymKind.__args__]:
        raise ValueError(f"{path.name}: synonym kind must be one of {SynonymKind.__args__}: {bad}")
    return Lexicon(
        fields=fields,
        item_number=_rule(raw["item_number"], "item_number"),
        reference=_rule(raw["reference"], "reference"),
        synonyms=synonyms,
        regions=tuple(_rule(r, f"region {r['name']}", pattern_key="places") for r in raw["region"]),
        elsewhere=_rule(raw["elsewhere"], "elsewhere"),
        procedure=_rule(raw["procedure"], "procedure"),
        question=_rule(raw["question"], "question"),
        uncovered=tuple(_rule(u, f"uncovered {u['name']}", pattern_key="says") for u in raw["uncovered"]),
        how_much=_rule(raw["how_much"], "how_much"),
        yes_no=_rule(raw["yes_no"], "yes_no"),
        all_claimed=_rule(raw["all_claimed"], "all_claimed"),
        who_pays=_rule(raw["who_pays"], "who_pays"),
        member=_rule(raw["member"], "member"),
        share_asked=_rule(raw["share_asked"], "share_asked"),
        per_one=_rule(raw["per_one"], "per_one"),
        money_named=_rule(raw["money_named"], "money_named"),
        money_asked=_rule(raw["money_asked"], "money_asked"),
        roughly=_rule(raw["roughly"], "roughly"),
        scale_asked=_rule(raw["scale_asked"], "scale_asked"),
        percent_asked=_rule(raw["percent_asked"], "percent_asked"),
        rise=_rule(raw["rise"], "rise"),
        risen_to=_rule(raw["risen_to"], "risen_to"),
        earlier=_rule(raw["earlier"], "earlier"),
        scopes=tuple(_rule(c, f"scope {c['name']}") for c in raw["scope"]),
        combine=tuple(_rule(c, f"combine {c['name']}", pattern_key="says") for c in raw["combine"]),
        both=_rule(raw["both"], "both"),
        measures=tuple(_rule({**m, "kind": " ".join(m["units"])}, f"measure {m['units'][0]}", pattern_key="asks")
                       for m in raw["measure"]),
        stop=frozenset(raw["words"]["stop"].split()),
        generic=frozenset(raw["words"]["generic"].split()),
        operations=frozenset(raw["words"]["operations"].split()),
        people=frozenset(raw["words"]["people"].split()),
        groups=frozenset(raw["words"]["groups"].split()),
        same_person=dict(raw["same_person"]),
        payers=tuple(raw["words"]["payers"].split()),
        local=frozenset(raw["words"]["local"].split()),
        places=frozenset(raw["words"]["places"].split()),
        terms=tuple(raw["words"]["terms"].split()),
    )
