"""Corpus-level statistics for the optional two-pass mode: repeated lines and known titles.

A first pass over the documents builds :class:`CorpusStats`; the ``boilerplate.v1`` filter then
uses it in the second pass:

- **Repeated lines, sentences and endings per source.** Every distinct line of a document (and,
  inside long lines, every sentence, and the endings of the last line) is hashed together with the
  document's *source key* (the URL's host, else the folder or JSONL file it came from) and counted
  once per document. A unit that recurs in ``min_docs`` documents of one source is boilerplate.
- **Titles.** The first line of every document (its title in plain-text scrapes) goes into a Bloom
  filter; a line of another document that equals a known title is a link to that article.

Memory is bounded: counts live in a dict of 64-bit hashes capped at ``max_keys`` entries; when the
cap is reached, the entries with the lowest counts are pruned (lossy counting), so counts can only
be *under*-estimated and the filter errs towards keeping text. Titles live in a fixed-size Bloom
filter (``title_bits`` bits, ``title_hashes`` hash functions): a false match needs every one of its
bits set by other titles, about one in ten million lines at the default size for a million titles.
Hashes are blake2b digests, so results do not depend on the Python hash seed: two runs over the
same input give the same output.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from cleancorpus.document import Document
from cleancorpus.pipeline import Pipeline
from cleancorpus.segment import norm_key

log = logging.getLogger(__name__)

_SENTENCE = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"“‘«(]?[A-ZĐÀ-Ỹ0-9])")


def source_key(doc: Document) -> str:
    """What "one source" means for a document: the URL's host, else the folder (or JSONL file)
    its source path names, else ``""``."""
    if doc.url:
        host = urlsplit(doc.url).hostname
        if host:
            return host.removeprefix("www.")
    src = doc.source or ""
    if not src:
        return ""
    path, sep, line = src.rpartition(":")
    if sep and line.isdigit():
        return path  # a JSONL file: its records are one source
    return str(PurePath(src).parent)


def _h(*parts: str) -> int:
    return int.from_bytes(hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=8).digest(), "big")


def sentences(text: str) -> list[str]:
    """Split a line into sentences (cheap: terminal punctuation followed by a capital)."""
    return [s for s in _SENTENCE.split(text) if s.strip()]


def endings(text: str, min_words: int, max_words: int) -> Iterator[tuple[int, str]]:
    """``(n, key)`` for the last ``n`` words of ``text``, ``min_words <= n <= max_words``."""
    toks = text.split()
    for n in range(min_words, min(max_words, len(toks) - 1) + 1):
        yield n, norm_key(" ".join(toks[-n:]))


class CorpusStats:
    """Hashed per-source counts of lines, sentences and endings, and a Bloom filter of titles.

    >>> st = CorpusStats()
    >>> for i in range(6):
    ...     raw = f"Title {i}\\nBody {i} text.\\nĐọc báo hay mỗi ngày tại đây"
    ...     st.add(Document.from_text(raw, source=f"d/{i}.txt"))
    >>> st.count("d", "Đọc báo hay mỗi ngày tại đây"), st.is_title("Title 3"), st.is_title("Body 3 text.")
    (6, True, False)
    """

    def __init__(self, max_keys: int = 2_000_000, title_bits: int = 1 << 25, title_hashes: int = 7,
                 min_words: int = 3, ending_min_words: int = 6, ending_max_words: int = 24,
                 title_line: bool = True) -> None:
        if title_bits <= 0 or title_hashes <= 0 or max_keys <= 0:
            raise ValueError("CorpusStats sizes must be positive")
        self.max_keys = max_keys
        self.title_bits = title_bits
        self.title_hashes = title_hashes
        self.min_words = min_words
        self.ending_min_words = ending_min_words
        self.ending_max_words = ending_max_words
        self.title_line = title_line
        self.counts: dict[int, int] = {}
        self.docs_per_source: dict[int, int] = {}
        self.documents = 0
        self.pruned_below = 0  #: counts at or below this value may have been pruned
        self._bloom = bytearray((title_bits + 7) // 8)

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def build(cls, docs: Iterable[Document], **params: int | bool) -> CorpusStats:
        """Run the first pass over ``docs``."""
        st = cls(**params)  # type: ignore[arg-type]
        for doc in docs:
            st.add(doc)
        log.debug("corpus stats: %d documents, %d keys, pruned <= %d", st.documents, len(st.counts),
                  st.pruned_below)
        return st

    def units(self, doc: Document) -> tuple[str | None, set[str], set[str]]:
        """The document's title key, and its distinct line/sentence keys and ending keys."""
        lines = [b.text for b in doc.blocks if b.text.strip()]
        title = None
        if doc.title:
            title = norm_key(doc.title)
        elif self.title_line and lines:
            title = norm_key(lines[0])
        units: set[str] = set()
        for line in lines:
            if len(line.split()) >= self.min_words:
                units.add(norm_key(line))
            if len(line) > 200:
                for s in sentences(line):
                    if len(s.split()) >= self.min_words:
                        units.add(norm_key(s))
        ends: set[str] = set()
        if len(lines) > 1 or not self.title_line:
            last = lines[-1] if lines else ""
            ends = {k for _, k in endings(last, self.ending_min_words, self.ending_max_words)}
        return title, units, ends

    def add(self, doc: Document) -> None:
        """Count one document (each unit at most once per document)."""
        src = source_key(doc)
        self.documents += 1
        sk = _h("src", src)
        self.docs_per_source[sk] = self.docs_per_source.get(sk, 0) + 1
        title, units, ends = self.units(doc)
        if title:
            self._bloom_add(title)
        counts = self.counts
        for u in units:
            k = _h("u", src, u)
            counts[k] = counts.get(k, 0) + 1
        for e in ends:
            k = _h("e", src, e)
            counts[k] = counts.get(k, 0) + 1
        if len(counts) > self.max_keys:
            self._prune()

    def _prune(self) -> None:
        """Drop the lowest counts until the table is at most half full (deterministic)."""
        while len(self.counts) > self.max_keys // 2:
            self.pruned_below += 1
            level = self.pruned_below
            self.counts = {k: v for k, v in self.counts.items() if v > level}

    # -- queries -----------------------------------------------------------------------------
    def count(self, source: str, text: str) -> int:
        """In how many documents of ``source`` the line or sentence ``text`` occurs."""
        return self.counts.get(_h("u", source, norm_key(text)), 0)

    def ending_count(self, source: str, key: str) -> int:
        """In how many documents of ``source`` the last line ends with ``key`` (a normalised key)."""
        return self.counts.get(_h("e", source, key), 0)

    def source_documents(self, source: str) -> int:
        return self.docs_per_source.get(_h("src", source), 0)

    def is_title(self, text: str) -> bool:
        """True when ``text`` equals (normalised) the title of some document of the corpus."""
        return all(self._bloom[i >> 3] >> (i & 7) & 1 for i in self._bloom_bits(norm_key(text)))

    def _bloom_bits(self, key: str) -> Iterator[int]:
        d = hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()
        h1, h2 = int.from_bytes(d[:8], "big"), int.from_bytes(d[8:], "big") | 1
        for i in range(self.title_hashes):
            yield (h1 + i * h2) % self.title_bits

    def _bloom_add(self, key: str) -> None:
        for i in self._bloom_bits(key):
            self._bloom[i >> 3] |= 1 << (i & 7)


def with_corpus_stats(pipe: Pipeline, stats: CorpusStats, before: str | None = None, **params: Any) -> Pipeline:
    """A copy of ``pipe`` with a ``boilerplate.v1`` filter using ``stats``, placed before the
    filter ``before`` (default, or when the pipeline has no such filter: at the end, so that the
    cue- and shape-based filters decide first)."""
    from cleancorpus.filters.boilerplate import BoilerplateFilter

    filters = list(pipe.filters)
    ids = [getattr(f, "id", None) for f in filters]
    at = ids.index(before) if before in ids else len(filters)
    filters.insert(at, BoilerplateFilter(stats=stats, **params))
    return Pipeline(filters, id=pipe.id, timed=pipe.timed)
