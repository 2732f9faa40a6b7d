"""related.v1: related-article boxes, most-read lists and other runs of links to other articles.

Each kept line is classed as a strong cue heading (``Tin liên quan``, ``Có thể bạn quan tâm``,
``Đọc nhiều``), a weak section heading (``Multimedia``, ``Tiêu điểm``: also ordinary words), a
teaser link (``Xem thêm: <title>``), a headline-shaped line (T) or prose (P). Then:

1. **Tail.** The first strong signal from which the rest of the document parses as a link list
   (cues, T lines, and P teasers that directly follow a T) is the start of the page furniture; all
   of it is removed. Strong signals: a strong cue; a weak heading followed by at least two titles; a
   title printed twice in a row (title + title + teaser cards); a run of ``run_min`` titles of at
   least ``run_title_words`` words after a mark of the article's end (a signature-shaped line, the
   "./." end marker, or interface/share/navigation/media lines removed just before it), unless the
   article announces it as a list (its first line or the line before ends with a colon or holds a
   list lead such as "gồm", "như sau": ``list_leads.txt``). A tail needs article prose before it.
2. **Inline boxes.** Before the tail, a strong cue with the titles right after it is removed (an
   orphan strong cue alone too); a weak heading only when titles follow it. Prose stops the box. A
   weak heading that is also a plain subheading (``plain_cues.txt``: "Sự kiện", "Tiêu điểm") opens
   no box inside the body, and a tail only after a mark of the article's end.
3. **Duplicated titles** before the tail (a card printed title + title) are removed, with the
   teaser after them when it is cut short ("…").
4. **Teaser links** (``Xem thêm: ...``, ``>> ...``) are removed wherever they are.

Why: these boxes are other articles' titles and teasers: duplicated text that is not part of this
article, and the largest share of noise in scraped news.
False-positive risks: an article whose body is only subheading + single-paragraph pairs, with a
cue heading inside it, could parse as a link list; such a tail must start after at least one
prose paragraph, teasers must start with a capital and hold at most ``max_teaser_words`` words.
An inline cue followed by a real subheading of ``min_title_words`` or more words removes that
subheading.

Pre-check of the classification (it changes no class): a line whose first token cannot begin a cue
heading or a teaser prefix (:class:`_CueGate`, memoised per token) is a title or prose without its
key being built; one that is not shaped like a title (its profile says so) is prose whatever its
length, and one of more than ``max_title_words + 10`` tokens is prose. Duplicated titles are
compared by their first tokens before their keys.

The decisions read the classes as a string, one letter per line: the tail start is searched for
only after the last prose line that breaks a link list (found from the end, see
:meth:`RelatedFilter._tail_start`; tests compare it with the plain loop), the inline boxes from the
cue and teaser lines, and duplicated titles where two titles follow each other.
"""

from __future__ import annotations

import re

from cleancorpus.document import KEPT, Block, Document
from cleancorpus.filters.base import RELATED, BaseFilter
from cleancorpus.lexicon import Lexicon
from cleancorpus.memo import TOKEN_MEMO, remember
from cleancorpus.segment import announces_list, first_key, fold, is_titlelike, key, profile, stripped, words_over

STRONG, WEAK, TEASER, TITLE, PROSE = "C", "S", "X", "T", "P"
#: Words a cue heading or a teaser prefix may add to a title (a line longer than a title by more
#: than this is prose).
_PREFIX_WORDS = 10
#: At most this many cue classes are remembered per language (see ``_classes``).
_MEMO_SIZE = 1 << 15
#: The classes of the lines the inline-box loop acts on (teasers and cue headings).
_BOX_START = re.compile(f"[{TEASER}{STRONG}{WEAK}]")
#: A run of cue headings (removed as such in a tail).
_CUE_RUN = re.compile(f"[{STRONG}{WEAK}]+")
_CUE_STRIP_LEAD = " >»›-–—•*#:|"
#: One to five capitalised tokens (a name, an outlet, "PV"): a signature closing an article.
_SIGNATURE_SHAPE = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.'/-]*\s*){1,5}(?:\([^()]{1,30}\))?$")
#: Kinds of removed lines that mark the end of an article's body.
_FURNITURE = frozenset({"ui", "share", "nav", "media", "link", "author", "agency", "related", "boilerplate"})
_CUE_STRIP_TRAIL = " :.|>»›"


def cue_key(k: str) -> str:
    """A normalised line key with list markers and a trailing colon stripped."""
    return k.lstrip(_CUE_STRIP_LEAD).rstrip(_CUE_STRIP_TRAIL)


class RelatedFilter(BaseFilter):
    """Related-article tails, inline related boxes, duplicated titles, teaser links."""

    id = "related.v1"

    def __init__(self, min_title_words: int = 4, run_min: int = 3, run_title_words: int = 6,
                 max_title_words: int = 40, max_teaser_words: int = 150) -> None:
        super().__init__(min_title_words=min_title_words, run_min=run_min, run_title_words=run_title_words,
                         max_title_words=max_title_words, max_teaser_words=max_teaser_words)
        self.min_title_words = min_title_words
        self.run_min = run_min
        self.run_title_words = run_title_words
        self.max_title_words = max_title_words
        self.max_teaser_words = max_teaser_words
        self._gates: dict[str, _CueGate] = {}

    # -- classification ----------------------------------------------------------------------
    def classify(self, b: Block, lex: Lexicon) -> str:
        """One of C (strong cue), S (weak heading), X (teaser link), T (title-like), P (prose)."""
        return self._cue_class(b, lex) or (TITLE if is_titlelike(b, self.max_title_words) else PROSE)

    def _cue_class(self, b: Block, lex: Lexicon) -> str:
        """C, S or X, P for a line too long for any class but prose, or "" (a title or prose, as
        :func:`~cleancorpus.segment.is_titlelike` says): what the line's text alone decides."""
        if words_over(b, self.max_title_words + _PREFIX_WORDS):
            # Too long for a cue, a teaser link or a title: skip building the line key.
            return PROSE
        k = key(b)
        ck = cue_key(k)
        if ck in lex.related_cues:
            return STRONG
        if ck in lex.section_cues:
            return WEAK
        for p in lex.teaser_prefixes if k.startswith(lex.teaser_prefixes) else ():
            if k.startswith(p):
                rest = stripped(b)[len(p):].strip(" :")
                if rest and len(rest.split()) <= self.max_title_words and (rest[0].isupper() or rest[0].isdigit()
                                                                         or rest[0] in "\"'“‘«"):
                    return TEASER
                break
        return ""

    def _classes(self, live: list[Block], lex: Lexicon) -> list[str]:
        """:meth:`classify` of every line, with a pre-check on the first key token (see
        :class:`_CueGate`): a line that can be no cue heading and no teaser link is a title or prose,
        and one that is not shaped like a title is prose whatever its length."""
        gate = self._gates.get(lex.lang)
        if gate is None:
            gate = self._gates[lex.lang] = _CueGate(lex)
        memo, classes = gate.memo, gate.classes
        limit = self.max_title_words + _PREFIX_WORDS
        most = self.max_title_words
        out = []
        for b in live:
            s, token, n, shape = b.cache.get("P") or profile(b)
            cue = memo.get(token)
            if cue is None:
                cue = gate.could_be_cue(token)
            if cue and n <= limit:
                # a line that may be a cue or a teaser: the cue headings and teaser links found
                # (page furniture, which sites repeat) are remembered per stripped text
                got = classes.get(s)
                if got is None:
                    got = self._cue_class(b, lex)
                    if got:
                        remember(classes, s, got, _MEMO_SIZE)
                if got:
                    out.append(got)
                    continue
            if not shape or n > limit:
                out.append(PROSE)
            else:
                out.append(TITLE if is_titlelike(b, most) else PROSE)
        return out

    def _teaser_ok(self, b: Block) -> bool:
        s = stripped(b)
        return bool(s) and not s[0].islower() and not words_over(b, self.max_teaser_words)

    # -- decisions ---------------------------------------------------------------------------
    def apply(self, doc: Document) -> None:
        live = doc.live()
        n = len(live)
        if n < 2:
            return
        lex = self.lexicon(doc)
        cls = self._classes(live, lex)
        marks = "".join(cls)
        plain = lex.plain_cues
        tail = self._tail_start(live, cls, marks, lex.list_leads, doc.blocks, plain)
        cue_rule, tail_rule = f"{self.id}/cue", f"{self.id}/tail"
        if tail < n:  # in order, each run of cue headings or of other lines at once
            pos = tail
            for m in _CUE_RUN.finditer(marks, tail):
                if pos < m.start():
                    doc.remove_many(live[pos:m.start()], tail_rule, RELATED)
                doc.remove_many(live[m.start():m.end()], cue_rule, RELATED)
                pos = m.end()
            if pos < n:
                doc.remove_many(live[pos:], tail_rule, RELATED)
        removed = len(doc.removed)
        i = 0
        while i < tail:
            m = _BOX_START.search(marks, i, tail)  # titles and prose do nothing here: to the next other
            if m is None:
                break
            i = m.start()
            c = cls[i]
            if c == TEASER:
                doc.remove(live[i], f"{self.id}/teaser-link", RELATED)
            elif c == WEAK and _plain(live[i], plain):
                pass  # "Sự kiện", "Tiêu điểm" inside the body: the article's own subheading
            elif c in (STRONG, WEAK):
                j = i + 1
                while j < tail and (cls[j] in (TEASER, STRONG) or self._headline(live[j], cls[j])):
                    j += 1
                if c == STRONG or j > i + 1:
                    doc.remove(live[i], f"{self.id}/cue", RELATED)
                    for b in live[i + 1:j]:
                        doc.remove(b, f"{self.id}/inline", RELATED)
                i = j
                continue
            i += 1
        # Duplicated titles are looked for among what is left, until none is left (a removed pair
        # can bring two equal lines together), so that a second run finds none. With nothing
        # removed before the tail, what is left is every line before it.
        found = len(doc.removed) != removed or marks.find(TITLE + TITLE, 0, tail) >= 0
        while found:
            found = False
            rest = [(b, c) for b, c in zip(live[:tail], cls[:tail], strict=True) if b.status == KEPT]
            pairs = "".join([c for _, c in rest])
            i = pairs.find(TITLE + TITLE)
            while i >= 0:  # each pair of titles in a row, in order
                (a, _), (b, _) = rest[i], rest[i + 1]
                if not self._dup(a, b):
                    i = pairs.find(TITLE + TITLE, i + 1)
                    continue
                doc.remove(a, f"{self.id}/duplicate-title", RELATED)
                doc.remove(b, f"{self.id}/duplicate-title", RELATED)
                teaser = rest[i + 2] if i + 2 < len(rest) else None
                if teaser is not None and teaser[1] == PROSE and stripped(teaser[0]).endswith(("...", "…")):
                    doc.remove(teaser[0], f"{self.id}/teaser", RELATED)
                found = True
                break

    def _headline(self, b: Block, c: str) -> bool:
        """A title-like line long enough to be a headline rather than a short subheading."""
        return c == TITLE and words_over(b, self.min_title_words - 1)

    def _dup(self, a: Block, b: Block) -> bool:
        """The same line twice (equal keys; keys that differ in their first token differ)."""
        return words_over(a, 2) and first_key(a) == first_key(b) and key(a) == key(b)

    def _tail_start(self, live: list[Block], cls: list[str], marks: str | None = None,
                    leads: tuple[str, ...] = (), blocks: list[Block] | None = None,
                    plain: frozenset[str] = frozenset()) -> int:
        """Index of the first block of the furniture tail, or ``len(live)`` when there is none: the
        first line after a prose line that is a signal (:meth:`_signal`) and from which the rest
        parses as furniture: cue headings, teaser links and titles, a prose line only as the teaser
        (:meth:`_teaser_ok`) of the title right before it.

        The rest from ``start`` fails to parse exactly when a prose line after ``start`` does not
        directly follow a title or is no teaser; the last such line, found from the end over the
        class string, is the ``floor`` after which every start parses (a start is never prose), so
        only the lines after it and after the first prose line are looked at (``marks``: the
        classes joined, if the caller has them). ``tests/test_line_prechecks.py`` checks this
        against the line-by-line parse."""
        n = len(live)
        if marks is None:
            marks = "".join(cls)
        first_prose = marks.find(PROSE)
        if first_prose < 0:
            return n
        floor = j = marks.rfind(PROSE)
        while j > first_prose and marks[j - 1] == TITLE and self._teaser_ok(live[j]):
            j = floor = marks.rfind(PROSE, 0, j)
        for i in range(max(floor, first_prose) + 1, n):
            if cls[i] != PROSE and self._signal(live, cls, i, leads, blocks, plain):
                return i
        return n

    def _signal(self, live: list[Block], cls: list[str], i: int, leads: tuple[str, ...] = (),
                blocks: list[Block] | None = None, plain: frozenset[str] = frozenset()) -> bool:
        c = cls[i]
        if c == STRONG:
            return True
        if c == WEAK:
            if _plain(live[i], plain) and (blocks is None or not _ended_before(blocks, live, i)):
                return False
            return sum(self._headline(live[j], cls[j]) for j in range(i + 1, min(i + 4, len(live)))) >= 2
        if c == TITLE:
            if i + 1 < len(live) and cls[i + 1] == TITLE and self._dup(live[i], live[i + 1]):
                return True
            run = 0
            for j in range(i, len(live)):
                if cls[j] != TITLE or not words_over(live[j], self.run_title_words - 1):
                    break
                run += 1
            return (run >= self.run_min and not _announced(live, cls, i, leads)
                    and (blocks is None or _after_article_end(blocks, live, cls, i, self.run_title_words)))
        return False



def _after_article_end(blocks: list[Block], live: list[Block], cls: list[str], i: int, min_words: int) -> bool:
    """Whether the run of titles holding line ``i`` comes after a mark of the article's end: a line
    shaped like a signature (one to five capitalised tokens) or ending with the "./." end marker
    right before it, or page furniture removed between it and the line before (interface, share,
    navigation or media lines; not captions or images, which stand inside articles). Without such
    a mark a run of headline-shaped lines at the end is as likely a list, a poem or a table. (The
    run is that of titles of at least ``min_words`` tokens: a short title line before it, such as
    a signature, is the line before.)"""
    k = i
    while k > 0 and cls[k - 1] == TITLE and words_over(live[k - 1], min_words - 1):
        k -= 1
    return _ended_before(blocks, live, k)


def _ended_before(blocks: list[Block], live: list[Block], k: int) -> bool:
    """The mark of the article's end of :func:`_after_article_end`, for the line ``live[k]``."""
    if k == 0:
        return False
    prev = live[k - 1]
    s = stripped(prev)
    if s.endswith("/.") or _SIGNATURE_SHAPE.match(s):
        return True
    return any(b.kind in _FURNITURE for b in blocks[prev.index + 1:live[k].index])


def _plain(b: Block, plain: frozenset[str]) -> bool:
    """Whether a cue heading is also a plain subheading ("Sự kiện", "Tiêu điểm": ``plain_cues``)."""
    return bool(plain) and cue_key(key(b)) in plain


def _announced(live: list[Block], cls: list[str], i: int, leads: tuple[str, ...]) -> bool:
    """Whether the run of titles holding line ``i`` is a list the article announces: its first line,
    or the line before it, ends with a colon or holds a list lead ("gồm", "như sau": ``leads``)."""
    k = i
    while k > 0 and cls[k - 1] == TITLE:
        k -= 1
    return announces_list(live[k], leads) or (k > 0 and announces_list(live[k - 1], leads))


class _CueGate:
    """What a line's first key token must look like for the line to be a cue heading or a teaser.

    A cue is matched on the key with list markers stripped (:func:`cue_key`): unless the first token
    is all markers, the stripped key starts with that token without its leading markers, or is that
    token without its trailing ones, so that token (or it stripped) must be the first word of a
    cue. A teaser prefix with a space in it needs its first word as the first token; one without
    must start the first token.
    """

    def __init__(self, lex: Lexicon) -> None:
        self.firsts = frozenset(c.split(" ", 1)[0] for c in lex.related_cues | lex.section_cues)
        self.teaser_firsts = frozenset(p.split(" ", 1)[0] for p in lex.teaser_prefixes if " " in p)
        self.teaser_prefixes = tuple(p for p in lex.teaser_prefixes if " " not in p)
        self.memo: dict[str, bool] = {}
        #: :meth:`RelatedFilter._cue_class` of the cue headings and teaser links found, by stripped
        #: text (the gate belongs to one filter, whose parameters they depend on).
        self.classes: dict[str, str] = {}

    def could_be_cue(self, token: str) -> bool:
        """Whether a line whose first token is ``token`` may be a cue or a teaser (memoised)."""
        v = self.memo.get(token)
        if v is None:
            k0 = fold(token)
            bare = k0.lstrip(_CUE_STRIP_LEAD)
            v = (not bare or bare in self.firsts or bare.rstrip(_CUE_STRIP_TRAIL) in self.firsts
                 or k0 in self.teaser_firsts or k0.startswith(self.teaser_prefixes))
            remember(self.memo, token, v, TOKEN_MEMO)
        return v
