"""Words typed by their sound (底保, 高令, 公用经废): a pinyin keyboard offers every character of a syllable,
and people pick the wrong one. A stretch of the message that the corpus never uses, read exactly like one corpus
word that differs from it in a single character, is taken for that word."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import jieba
from pypinyin import lazy_pinyin

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
LONGEST = 4  # the longest word respelled: 公用经费
RARE = 10  # a word jieba's dictionary counts fewer times than this is not taken for one the user meant


def _sound(text: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(text))  # toneless: a wrong pick keeps the syllable, not always the tone


class Respeller:
    """The corpus's words by their sound, and its text to tell a stretch the corpus uses from one it never does."""

    def __init__(self, words: Iterable[str], text: str):
        self._text = text
        self._by_sound: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for word in set(words):
            if 2 <= len(word) <= LONGEST and _HAN.match(word):
                self._by_sound[_sound(word)].add(word)
        self.respelled = lru_cache(maxsize=4096)(self._respelled)

    def _respelled(self, message: str) -> str:
        """The message with each stretch typed by sound replaced by the corpus word it sounds like. A stretch is whole
        words of the message as jieba cuts it, none a word its dictionary knows (上班 is no typo of 上半, 一直 none of
        一致) and one a word it does not, glued from characters no word holds (底保, 经废): single characters alone
        are ordinary speech (没人 is no typo of 每人)."""
        tokens = jieba.lcut(message)
        known = [len(t) > 1 and jieba.dt.FREQ.get(t, 0) >= RARE for t in tokens]
        unknown = [len(t) > 1 and not jieba.dt.FREQ.get(t) for t in tokens]
        out, index = [], 0
        while index < len(tokens):
            for end in range(min(len(tokens), index + LONGEST), index, -1):
                stretch = "".join(tokens[index:end])
                if 2 <= len(stretch) <= LONGEST and not any(known[index:end]) and any(unknown[index:end]) \
                        and (word := self._word_for(stretch)):
                    out.append(word)
                    index = end
                    break
            else:
                out.append(tokens[index])
                index += 1
        return "".join(out)

    def _word_for(self, stretch: str) -> str | None:
        """The one corpus word that sounds like a stretch the corpus never uses and differs from it in one character."""
        if not _HAN.match(stretch) or stretch in self._text:
            return None
        like = {w for w in self._by_sound.get(_sound(stretch), ()) if sum(a != b for a, b in zip(w, stretch)) == 1}
        return like.pop() if len(like) == 1 else None
