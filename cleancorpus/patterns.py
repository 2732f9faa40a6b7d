"""Regular expressions for large sets of literal strings, factored by shared prefixes or suffixes.

Python's ``re`` tries the branches of an alternation one after the other, so a flat list of hundreds
of strings costs hundreds of comparisons at every position; written as a trie (``ban|bao`` becomes
``ba(?:n|o)``) it costs a few. Both filters that scan whole documents for word lists
(:mod:`cleancorpus.filters.typos`, :mod:`cleancorpus.filters.inline`) build their patterns here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

#: A pattern that matches nothing (what an empty set of strings compiles to).
NOTHING = r"(?!x)x"


def trie(strings: Iterable[str], reverse: bool = False) -> dict[str, Any]:
    """The strings as nested dicts of characters (read from the end with ``reverse``); the key
    ``""`` marks where a string ends."""
    root: dict[str, Any] = {}
    for s in strings:
        node = root
        for ch in reversed(s) if reverse else s:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def alternation(strings: Iterable[str], esc: Callable[[str], str] = re.escape,
                rank: Mapping[str, int] | None = None) -> str:
    """A pattern for exactly ``strings`` (each character written by ``esc``), factored by common
    prefixes ("Ảnh(?: (?:chụp|minh h(?:oạ|ọa)))?"). The branches of a node start with different
    characters, so their order changes only the speed: with ``rank`` (a score per character) the
    highest-ranked are tried first, otherwise they are in character order."""

    def order(node: dict[str, Any]) -> list[str]:
        chars = [c for c in node if c]
        return sorted(chars, key=lambda c: (-rank.get(c, 0), c)) if rank is not None else sorted(chars)

    def emit(node: dict[str, Any]) -> str:
        alts = [esc(ch) + emit(node[ch]) for ch in order(node)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    strings = list(strings)
    return emit(trie(strings)) if strings else NOTHING


def ends_with(strings: Iterable[str]) -> str:
    """Look-behinds that hold (matching nothing) where one of ``strings`` ends, factored by common
    suffixes: a branch checks the characters further back that its parents have not checked
    (``(?<=a(?s:.){2})`` after ``(?<=bc)``), so the pattern grows with the number of characters."""

    def emit(node: dict[str, Any], depth: int) -> str:
        if "" in node:
            return ""
        skip = f"(?s:.){{{depth}}}" if depth else ""
        alts = []
        for ch, child in sorted(node.items()):
            chain = ch  # a run of single children: one look-behind for all of them
            while len(child) == 1 and "" not in child:
                (nxt, child), = child.items()
                chain = nxt + chain
            alts.append(f"(?<={re.escape(chain)}{skip})" + emit(child, depth + len(chain)))
        if len(alts) == 1:
            return alts[0]
        # one test of the next character back before trying the branches one by one
        chars = "".join(re.escape(ch) for ch in sorted(node))
        return f"(?<=[{chars}]{skip})(?:" + "|".join(alts) + ")"

    strings = list(strings)
    return emit(trie(strings, reverse=True), 0) if strings else NOTHING
