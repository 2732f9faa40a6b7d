"""Reference copy (main at 2551ac7, see the package docstring). related.v1: related-article boxes, most-read lists and other runs of links to other articles.

Each kept line is classed as a strong cue heading (``Tin liên quan``, ``Có thể bạn quan tâm``,
``Đọc nhiều``), a weak section heading (``Multimedia``, ``Tiêu điểm``: also ordinary words), a
teaser link (``Xem thêm: <title>``), a headline-shaped line (T) or prose (P). Then:

1. **Tail.** The first strong signal from which the rest of the document parses as a link list
   (cues, T lines, and P teasers that directly follow a T) is the start of the page furniture; all
   of it is removed. Strong signals: a strong cue; a weak heading followed by at least two titles; a
   title printed twice in a row (title + title + teaser cards); a run of ``run_min`` titles of at
   least ``run_title_words`` words. A tail needs article prose before it.
2. **Inline boxes.** Before the tail, a strong cue with the titles right after it is removed (an
   orphan strong cue alone too); a weak heading only when titles follow it. Prose stops the box.
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
"""

from __future__ import annotations

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import RELATED, BaseFilter
from cleancorpus.filters.related import _after_article_end, _announced, _ended_before, _plain
from cleancorpus.lexicon import Lexicon
from tests.lines_reference.segment import is_titlelike, key, stripped, words

STRONG, WEAK, TEASER, TITLE, PROSE = "C", "S", "X", "T", "P"
#: Words a cue heading or a teaser prefix may add to a title (a line longer than a title by more
#: than this is prose).
_PREFIX_WORDS = 10
_CUE_STRIP_LEAD = " >»›-–—•*#:|"
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

    # -- classification ----------------------------------------------------------------------
    def classify(self, b: Block, lex: Lexicon) -> str:
        """One of C (strong cue), S (weak heading), X (teaser link), T (title-like), P (prose)."""
        if words(b) > self.max_title_words + _PREFIX_WORDS:
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
        if is_titlelike(b, self.max_title_words):
            return TITLE
        return PROSE

    def _teaser_ok(self, b: Block) -> bool:
        s = stripped(b)
        return bool(s) and not s[0].islower() and words(b) <= self.max_teaser_words

    # -- decisions ---------------------------------------------------------------------------
    def apply(self, doc: Document) -> None:
        live = doc.live()
        n = len(live)
        if n < 2:
            return
        lex = self.lexicon(doc)
        cls = [self.classify(b, lex) for b in live]
        tail = self._tail_start(live, cls, lex.list_leads, doc.blocks, lex.plain_cues)
        for i in range(tail, n):
            rule = "cue" if cls[i] in (STRONG, WEAK) else "tail"
            doc.remove(live[i], f"{self.id}/{rule}", RELATED)
        i = 0
        while i < tail:
            c = cls[i]
            if c == TEASER:
                doc.remove(live[i], f"{self.id}/teaser-link", RELATED)
            elif c == WEAK and _plain(live[i], lex.plain_cues):
                pass  # deliberate change after 3309710: a plain subheading opens no box
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
        # can bring two equal lines together), so that a second run finds none.
        found = True
        while found:
            found = False
            rest = [(b, c) for b, c in zip(live[:tail], cls[:tail], strict=True) if b.kept]
            for i in range(len(rest) - 1):
                (a, ca), (b, cb) = rest[i], rest[i + 1]
                if ca == TITLE and cb == TITLE and self._dup(a, b):
                    doc.remove(a, f"{self.id}/duplicate-title", RELATED)
                    doc.remove(b, f"{self.id}/duplicate-title", RELATED)
                    teaser = rest[i + 2] if i + 2 < len(rest) else None
                    if teaser is not None and teaser[1] == PROSE and stripped(teaser[0]).endswith(("...", "…")):
                        doc.remove(teaser[0], f"{self.id}/teaser", RELATED)
                    found = True
                    break

    def _headline(self, b: Block, c: str) -> bool:
        """A title-like line long enough to be a headline rather than a short subheading."""
        return c == TITLE and words(b) >= self.min_title_words

    def _dup(self, a: Block, b: Block) -> bool:
        return words(a) >= 3 and key(a) == key(b)

    def _tail_start(self, live: list[Block], cls: list[str], leads: tuple[str, ...] = (),
                    blocks: list[Block] | None = None, plain: frozenset[str] = frozenset()) -> int:
        """Index of the first block of the furniture tail, or ``len(live)`` when there is none."""
        n = len(live)
        seen_prose = False
        i = 0
        while i < n:
            c = cls[i]
            if c == PROSE:
                seen_prose = True
            elif seen_prose and self._signal(live, cls, i, leads, blocks, plain) and self._parses_to_end(live, cls, i):
                return i
            i += 1
        return n

    def _signal(self, live: list[Block], cls: list[str], i: int, leads: tuple[str, ...] = (),
                blocks: list[Block] | None = None, plain: frozenset[str] = frozenset()) -> bool:
        c = cls[i]
        if c == STRONG:
            return True
        if c == WEAK:
            if _plain(live[i], plain) and (blocks is None or not _ended_before(blocks, live, i)):
                return False  # deliberate change after 3309710
            return sum(self._headline(live[j], cls[j]) for j in range(i + 1, min(i + 4, len(live)))) >= 2
        if c == TITLE:
            if i + 1 < len(live) and cls[i + 1] == TITLE and self._dup(live[i], live[i + 1]):
                return True
            run = 0
            for j in range(i, len(live)):
                if cls[j] != TITLE or words(live[j]) < self.run_title_words:
                    break
                run += 1
            # Deliberate change after 3309710: a run the article announces as a list is content.
            return (run >= self.run_min and not _announced(live, cls, i, leads)
                    and (blocks is None or _after_article_end(blocks, live, cls, i, self.run_title_words)))
        return False

    def _parses_to_end(self, live: list[Block], cls: list[str], start: int) -> bool:
        prev = cls[start]
        for j in range(start + 1, len(live)):
            c = cls[j]
            if c in (STRONG, WEAK, TEASER):
                prev = STRONG
            elif c == TITLE:
                prev = TITLE
            elif c == PROSE and prev == TITLE and self._teaser_ok(live[j]):
                prev = PROSE
            else:
                return False
        return True
