"""Segmentation of a document into line blocks, and the cheap per-block features filters share.

Segmentation runs once per document. Every line holding anything but ASCII blanks becomes a
:class:`~cleancorpus.document.Block` with its input offsets; empty lines only set ``gap_before`` on
the next block. Lines holding only Unicode spaces (no-break, zero-width) stay blocks, because a
scraper leaves them where a figure or spacer was: the whitespace filter removes them and the caption
filter uses them as evidence.

Features are computed on first use and cached on the block until its text changes (see the
features section below): a line's profile (stripped text, first token, token count, title shape),
which every line filter reads for every line, is computed once, by whitespace.v1 for the lines it
leaves clean; printability (``"p"``) is found once for the whole document, by unicode.v1, and read
back by whitespace.v1, as is the document's text joined by spaces (:func:`joined_by_spaces`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

from cleancorpus.document import Block, Document

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
    append = blocks.append
    end = -1  # offset of the line break ending the previous line
    gap = True  # the first block counts as following a gap
    index = 0
    crlf = "\r" in raw
    for line in raw.split("\n"):  # one C call; offsets follow from the line lengths
        start = end + 1
        end = start + len(line)
        if crlf and line[-1:] == "\r":
            line = line[:-1]
        if line.strip(_ASCII_BLANK):
            append(Block(index, start, start + len(line), line, gap))
            index += 1
            gap = False
        elif index:
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
    and look for common substrings with ``literals`` (``str.find``). A literal with a character the
    text lacks is passed over after that character's test (one-character tests run about ten times
    faster than a search for a longer string).
    """
    if not blocks:
        return []
    joined = "\n" + "\n".join(b.text for b in blocks) + "\n"
    if literals:
        absent = {c for c in set("".join(literals)) if c not in joined}
        literals = tuple(lit for lit in literals if absent.isdisjoint(lit))
    first = [] if pattern is None else [m.start() for m in [pattern.search(joined)] if m is not None]
    first += [i for i in (joined.find(lit) for lit in literals) if i >= 0]
    if not first:
        return []
    starts = list(itertools.accumulate([len(b.text) + 1 for b in blocks], initial=1))[:-1]
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


def joined_by_spaces(doc: Document, live: list[Block]) -> str:
    """The texts of ``live`` (the document's kept blocks) joined by single spaces, for the
    document-wide C scans of unicode.v1 and whitespace.v1; built once when the second asks right
    after the first.

    Kept on the first block (key ``"J"``) with the document's record counts: every change of a
    block's text or status goes through :class:`~cleancorpus.document.Document`, which records it,
    so while the counts and the number of kept blocks are those seen, so are the texts (and a
    change of the first block's text clears its cache)."""
    if not live:
        return ""
    seen = (len(doc.removed), len(doc.fixes), len(live))
    c = live[0].cache
    got = c.get("J")
    if got is not None and got[0] == seen:
        return got[1]
    joined = " ".join([b.text for b in live])
    c["J"] = (seen, joined)
    return joined


def nonprintable_blocks(blocks: list[Block], joined: str | None = None) -> list[Block]:
    """The blocks holding a character that :meth:`str.isprintable` rejects: controls, format and
    zero-width characters, and every space but the ASCII one (no-break, thin, ideographic...).

    One C scan of the document (``joined``: the texts joined by single spaces, if the caller has
    it) settles the usual case, where there is none; when the only ones are no-break spaces
    (common in scraped text), a search for them per line settles the rest. What is learnt is cached
    per line (key ``"p"``), so that the next filter to ask (unicode.v1, then whitespace.v1) only
    reads it back.
    """
    flags = [b.cache.get("p") for b in blocks]
    unknown = flags.count(None)
    if not unknown:
        return [b for b, f in zip(blocks, flags, strict=True) if not f]
    if unknown < len(flags):  # some lines changed since they were seen: ask about those
        found = set(nonprintable_blocks([b for b, f in zip(blocks, flags, strict=True) if f is None]))
        return [b for b, f in zip(blocks, flags, strict=True) if f is False or b in found]
    if joined is None:
        joined = " ".join([b.text for b in blocks])
    if joined.isprintable():
        for b in blocks:
            b.cache["p"] = True
        return []
    if joined.replace("\u00a0", " ").isprintable():
        for b in blocks:
            b.cache["p"] = "\u00a0" not in b.text
    else:
        for b in blocks:
            b.cache["p"] = b.text.isprintable()
    return [b for b in blocks if not b.cache["p"]]


# -- features ---------------------------------------------------------------------------------
#
# Every line filter tests a few features on every line: its stripped text, its first token, its
# token count and whether it is shaped like a title. They are computed once per line, together,
# as its profile (cache key ``"P"``): a filter's loop reads one cache entry. whitespace.v1, which
# leaves every line clean (printable, single spaces between tokens), computes the profiles of the
# lines it found clean in the same pass (:func:`mark_clean`), where they are cheapest. Other
# features (the whole key, the token count against a threshold) are computed on demand. The cache
# is cleared whenever the text of the line changes.

#: A line's profile: (stripped text, first whitespace-separated token, token count, title shape);
#: see :func:`profile`.
Profile = tuple[str, str, int, bool]


def profile(b: Block) -> Profile:
    """The block's :data:`Profile`, computed on first use: :func:`stripped`, the first token
    (``""`` for a blank line; :func:`first_key` folds it), :func:`words` and :func:`title_shape`."""
    c = b.cache
    p = c.get("P")
    if p is None:
        t = b.text
        s = t.strip()
        n = c.get("w")
        p = c["P"] = (s, s.split(None, 1)[0] if s else "", count_tokens(t) if n is None else n, _title_shape(s))
    return p


def mark_clean(blocks: Iterable[Block]) -> None:
    """Compute the profiles of blocks whose text is clean: not empty, printable, and its only
    whitespace single spaces between tokens, as whitespace.v1 leaves every line. For such a text
    the stripped text is the text, the tokens are the spaces plus one, and the first token ends at
    the first space."""
    start_ok, end_ok = TITLE_START_OK, TITLE_END_OK
    for b in blocks:
        c = b.cache
        if "P" not in c:
            t = b.text
            first, last = t[0], t[-1]
            space = t.find(" ")  # (not partition, which copies the rest of the line)
            c["P"] = (t, t if space < 0 else t[:space], t.count(" ") + 1,
                      len(t) <= 300 and (first.isupper() or first.isdigit() or first in start_ok)
                      and (last.isalnum() or last in end_ok))


def stripped(b: Block) -> str:
    """The block text without surrounding whitespace of any kind."""
    return (b.cache.get("P") or profile(b))[0]


def count_tokens(text: str) -> int:
    """``len(text.split())``, without building the tokens when the only whitespace is single
    spaces (every other whitespace character is non-printable): then the tokens are the spaces
    plus one, less a space at either end."""
    if text and text.isprintable() and "  " not in text:
        return text.count(" ") + 1 - (text[0] == " ") - (text[-1] == " ")
    return len(text.split())


def words(b: Block) -> int:
    """Number of whitespace-separated tokens (Vietnamese: syllables)."""
    return (b.cache.get("P") or profile(b))[2]


def words_over(b: Block, n: int) -> bool:
    """``words(b) > n``, without counting past ``n + 1`` tokens.

    A threshold test is all most rules need, and a paragraph of prose has far more tokens than any
    threshold: a line of at most ``2 * n`` characters cannot hold more than ``n`` tokens, a line of
    at most ``8 * n`` is profiled (and counted), and splitting off the first ``n + 1`` tokens
    (``str.split`` with ``maxsplit``) settles a longer one at the cost of those tokens. A split
    that does not reach ``n + 1`` tokens gives the exact count (key ``"w"``, used by
    :func:`profile`); one that does gives a lower bound (key ``"w>"``) for smaller thresholds.
    """
    c = b.cache
    p = c.get("P")
    if p is not None:
        return p[2] > n
    if n < 0:
        return True
    text = b.text
    if len(text) <= 2 * n:  # each token takes a character and a separator but the last
        return False
    v = c.get("w")
    if v is not None:
        return v > n
    low = c.get("w>")
    if low is not None and low >= n:
        return True
    if len(text) <= 8 * n:  # the split would go through most of the line: count instead
        return profile(b)[2] > n
    parts = len(text.split(None, n))
    if parts <= n:  # no split was left over: the exact count
        c["w"] = parts
        return False
    c["w>"] = n
    return True


def norm_key(text: str) -> str:
    """Case-folded, NFC, single-spaced form used to compare lines and look up cue phrases."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def key(b: Block) -> str:
    v = b.cache.get("k")
    if v is None:
        v = b.cache["k"] = norm_key(b.text)
    return v


@functools.lru_cache(maxsize=1 << 16)
def fold(token: str) -> str:
    """:func:`norm_key` of a token that holds no whitespace: NFC, case-folded."""
    return unicodedata.normalize("NFC", token).casefold()


def first_key(b: Block) -> str:
    """The first token of :func:`key` (``""`` for a blank line), without normalising the whole line.

    Lexicon rules (cue headings, interface strings, prefixes) only fire on a few first words, so a
    filter can rule out most lines from their first token (the second item of the
    :func:`profile`, the answer memoised per distinct token). Sound because whitespace never takes
    part in NFC (it is a starter that no composition starts or ends with, see
    ``tests/test_line_prechecks.py``) and NFC and case folding never turn whitespace into something
    else or the reverse: the key's first token is :func:`fold` of the line's first
    whitespace-separated token.
    """
    c = b.cache
    k = c.get("k")
    return k.partition(" ")[0] if k is not None else fold((c.get("P") or profile(b))[1])


_VISIBLE = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x1f\x7f-\x9f]")


def is_blankish(b: Block) -> bool:
    """True for a line with no visible character (Unicode spaces, zero-width, BOM, controls)."""
    return _VISIBLE.search(b.text) is None


def ends_terminal(b: Block) -> bool:
    """True when the line ends like a sentence (period, ellipsis, comma, colon, semicolon)."""
    s = stripped(b)
    return bool(s) and s[-1] in TERMINAL


def _title_shape(s: str) -> bool:
    if not s or len(s) > 300:
        return False
    first, last = s[0], s[-1]
    return ((first.isupper() or first.isdigit() or first in TITLE_START_OK)
            and (last.isalnum() or last in TITLE_END_OK))


def title_shape(b: Block) -> bool:
    """:func:`is_titlelike` without the token count: a non-empty stripped line of at most 300
    characters that starts and ends like a headline. When this is False, :func:`is_titlelike` is
    False for any ``max_words``."""
    return (b.cache.get("P") or profile(b))[3]


def is_titlelike(b: Block, max_words: int = 40) -> bool:
    """A line shaped like a headline: short, starts with a capital, a digit or an opening quote or
    bracket, and does not end like a sentence (it may end with ? ! a quote or a bracket).

    The answer is cached (key ``"t"``) whatever ``max_words`` is: the first caller's bound holds.
    """
    c = b.cache
    v = c.get("t")
    if v is not None:
        return bool(v)
    _, _, n, shape = c.get("P") or profile(b)
    ok = shape and 1 <= n <= max_words
    c["t"] = ok
    return ok


def announces_list(b: Block, leads: tuple[str, ...]) -> bool:
    """True for a line that announces a list after it: it ends with a colon, or one of ``leads``
    (keys of words such as "gồm", "như sau") stands as whole words among its last six tokens (in a
    long paragraph such a word is mostly prose: "giải pháp cụ thể nhằm ...")."""
    s = stripped(b)
    if s.endswith(":"):
        return True
    if not leads:
        return False
    k = " ".join(key(b).rstrip(" .:;").split(" ")[-6:])
    k = f" {k} "
    return any(f" {lead} " in k for lead in leads)


def cap_ratio(b: Block) -> float:
    """Share of tokens that start with an upper-case letter."""
    toks = b.text.split()
    if not toks:
        return 0.0
    return sum(1 for t in toks if t[0].isupper()) / len(toks)
