"""Reference copy (main at 2551ac7, see the package docstring). Segmentation of a document into line blocks, and the cheap per-block features filters share.

Segmentation runs once per document. Every line holding anything but ASCII blanks becomes a
:class:`~cleancorpus.document.Block` with its input offsets; empty lines only set ``gap_before`` on
the next block. Lines holding only Unicode spaces (no-break, zero-width) stay blocks, because a
scraper leaves them where a figure or spacer was: the whitespace filter removes them and the caption
filter uses them as evidence.

Features are computed on first use and cached on the block until its text changes.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from cleancorpus.document import Block

_ASCII_BLANK = " \t\r\f\v"

#: Characters that end a sentence of prose.
TERMINAL = frozenset(".;:,…")
#: Characters a heading or title may end with (besides letters and digits).
TITLE_END_OK = frozenset("?!\"'”’»)]")
#: Opening characters a title may start with besides a capital letter or a digit.
TITLE_START_OK = frozenset("\"'“‘«([")


def segment(raw: str) -> list[Block]:
    """Split ``raw`` into line blocks with their offsets in ``raw``."""
    blocks: list[Block] = []
    pos = 0
    gap = False
    index = 0
    for line in raw.split("\n"):  # one C call; offsets follow from the line lengths
        start, nxt = pos, pos + len(line) + 1
        pos = nxt
        if line.endswith("\r"):
            line = line[:-1]
        if line.strip(_ASCII_BLANK):
            blocks.append(Block(index, start, start + len(line), line, gap or index == 0))
            index += 1
            gap = False
        elif blocks:
            gap = True
    return blocks


def blocks_matching(blocks: list[Block], pattern: re.Pattern[str] | None,
                    literals: tuple[str, ...] = ()) -> list[Block]:
    """The blocks whose text ``pattern`` finds something in or that contain one of ``literals``, in order.

    One search runs over the blocks' texts joined by line breaks, and one more per block found,
    instead of one search per block: a pre-check that costs a few C calls per document when, as
    usual, almost no block matches. Every block's text is preceded and followed by a line break in
    the searched string; a match that starts at a line break counts for the block after it, so the
    literal ``"\\n "`` finds a leading space and ``" \\n"`` a trailing one. Keep ``pattern`` a
    character class (a class scans fast; alternations and look-behind make the search far slower)
    and look for common substrings with ``literals`` (``str.find``).
    """
    if not blocks:
        return []
    joined = "\n" + "\n".join(b.text for b in blocks) + "\n"
    first = [] if pattern is None else [m.start() for m in [pattern.search(joined)] if m is not None]
    first += [i for i in (joined.find(lit) for lit in literals) if i >= 0]
    if not first:
        return []
    starts = []
    pos = 1
    for b in blocks:
        starts.append(pos)
        pos += len(b.text) + 1
    found: set[int] = set()

    def block_at(at: int) -> int:
        if joined[at] == "\n":
            at += 1
        return max(bisect.bisect_right(starts, at) - 1, 0)

    if pattern is not None:
        m = pattern.search(joined)
        while m is not None:
            i = block_at(m.start())
            found.add(i)
            # From the line break before the next block: a match there counts for that block.
            m = pattern.search(joined, starts[i + 1] - 1) if i + 1 < len(blocks) else None
    for lit in literals:
        at = joined.find(lit)
        while at >= 0:
            i = block_at(at)
            found.add(i)
            at = joined.find(lit, starts[i + 1] - 1) if i + 1 < len(blocks) else -1
    return [blocks[i] for i in sorted(found)]


def nonprintable_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks holding a character that :meth:`str.isprintable` rejects: controls, format and
    zero-width characters, and every space but the ASCII one (no-break, thin, ideographic...).
    One C scan of the document settles the usual case, where there is none."""
    if " ".join(b.text for b in blocks).isprintable():
        return []
    return [b for b in blocks if not b.text.isprintable()]


# -- features ---------------------------------------------------------------------------------

def stripped(b: Block) -> str:
    """The block text without surrounding whitespace of any kind."""
    v = b.cache.get("s")
    if v is None:
        v = b.cache["s"] = b.text.strip()
    return v


def words(b: Block) -> int:
    """Number of whitespace-separated tokens (Vietnamese: syllables)."""
    v = b.cache.get("w")
    if v is None:
        v = b.cache["w"] = len(b.text.split())
    return v


def norm_key(text: str) -> str:
    """Case-folded, NFC, single-spaced form used to compare lines and look up cue phrases."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def key(b: Block) -> str:
    v = b.cache.get("k")
    if v is None:
        v = b.cache["k"] = norm_key(b.text)
    return v


_VISIBLE = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x1f\x7f-\x9f]")


def is_blankish(b: Block) -> bool:
    """True for a line with no visible character (Unicode spaces, zero-width, BOM, controls)."""
    return _VISIBLE.search(b.text) is None


def ends_terminal(b: Block) -> bool:
    """True when the line ends like a sentence (period, ellipsis, comma, colon, semicolon)."""
    s = stripped(b)
    return bool(s) and s[-1] in TERMINAL


def is_titlelike(b: Block, max_words: int = 40) -> bool:
    """A line shaped like a headline: short, starts with a capital, a digit or an opening quote or
    bracket, and does not end like a sentence (it may end with ? ! a quote or a bracket).
    """
    v = b.cache.get("t")
    if v is not None:
        return bool(v)
    s = stripped(b)
    ok = False
    if s and 1 <= words(b) <= max_words and len(s) <= 300:
        first, last = s[0], s[-1]
        starts = first.isupper() or first.isdigit() or first in TITLE_START_OK
        ends = last.isalnum() or last in TITLE_END_OK
        ok = starts and ends
    b.cache["t"] = ok
    return ok


def cap_ratio(b: Block) -> float:
    """Share of tokens that start with an upper-case letter."""
    toks = b.text.split()
    if not toks:
        return 0.0
    return sum(1 for t in toks if t[0].isupper()) / len(toks)
