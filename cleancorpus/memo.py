"""Bounded memos: the filters remember pure decisions (per line text, per token) in plain dicts that
forget everything at once when full, so memory stays bounded and a hit stays one ``dict.get``."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

#: Entries of a per-token memo (a pre-check's answer per first token of a line) before it is emptied.
TOKEN_MEMO = 100_000


def remember(memo: dict[K, V], key: K, value: V, size: int) -> V:
    """Store ``value`` under ``key`` and return it; first empty ``memo`` if it holds ``size`` entries.

    Clearing at once (rather than evicting the oldest entry) costs nothing per hit and re-learns
    only what is still repeated; the decisions stored must depend on the key alone.
    """
    if len(memo) >= size:
        memo.clear()
    memo[key] = value
    return value
