"""whitespace.v1: normalise spaces inside lines and drop lines that hold only spaces.

Removes: lines made only of (no-break, zero-width, ideographic) spaces. Fixes: no-break and other
Unicode spaces to a plain space, runs of spaces and tabs to one space, leading and trailing spaces.

Why: scrapers carry layout spacing (``&nbsp;`` paragraphs, indentation) that is not text.
False-positive risks: none for prose; preformatted text (code, tables aligned with spaces) loses its
alignment, so do not run this filter on such corpora.

Pre-checks: one search over the document for two spaces in a row (which also shows lines with a
space at an end, and empty lines) and the printability of its lines, usually found by unicode.v1
already, give the lines to look at; the others are clean, and their profiles
(:func:`~cleancorpus.segment.mark_clean`) are computed here, in the same pass, for the filters after,
as are those of the printable lines the filter cleans.
"""

from __future__ import annotations

import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import WHITESPACE, BaseFilter
from cleancorpus.segment import is_blankish, joined_by_spaces, mark_clean, nonprintable_blocks

_ODD_SPACE = re.compile(r"[^\S\n ]")  # any whitespace but a plain space (tab, no-break, ...)
#: Whitespace inside a line (every ``str.isspace`` character but the line feed; all lie below U+10000).
_SPACES = "".join(c for c in map(chr, range(0x10000)) if c.isspace() and c != "\n")
#: A run of two or more spaces, or a run starting with a space other than a plain one. Explicit
#: classes starting on the space scan several times faster than ``[^\S\n]`` alternations.
_INNER_RUN = re.compile(f" [{re.escape(_SPACES)}]+|[{re.escape(_SPACES.replace(' ', ''))}][{re.escape(_SPACES)}]*")
#: :data:`_INNER_RUN` in a printable text, whose only whitespace is the plain space: a literal
#: first character, searched at C speed (the class alternation above tries every position).
_SPACE_RUN = re.compile("  +")


class WhitespaceFilter(BaseFilter):
    """Unicode spaces, runs of spaces, trailing spaces, whitespace-only lines."""

    id = "whitespace.v1"

    @staticmethod
    def _suspects(doc: Document, live: list[Block]) -> list[Block]:
        """The lines the filter may change, in order.

        Such a line holds a character other than a plain space that is a space or invisible (all
        non-printable), two spaces, a space at either end, or nothing. Over the lines joined by
        single spaces, the last three all show as two spaces in a row, a space at an end of the
        joined text, or an empty joined text: one search. The non-printable lines come from
        :func:`~cleancorpus.segment.nonprintable_blocks`, which unicode.v1 has usually asked
        already (the answer is cached per line). The other lines are clean
        (:func:`~cleancorpus.segment.mark_clean`); the filter's edits make the suspects clean too,
        and :meth:`apply` marks those that are printable once edited (an edit clears a line's cache).
        """
        joined = joined_by_spaces(doc, live)  # usually unicode.v1's, if it changed nothing
        spaced = "  " in joined or joined[:1] == " " or joined[-1:] == " " or not joined
        odd = set(nonprintable_blocks(live, joined))
        if not spaced and not odd:
            mark_clean(live)
            return []
        out = [b for b in live
               if b in odd or (spaced and (not (t := b.text) or "  " in t or t[0] == " " or t[-1] == " "))]
        if out:
            suspects = set(out)
            mark_clean(b for b in live if b not in suspects)
        else:
            mark_clean(live)
        return out

    def apply(self, doc: Document) -> None:
        for b in self._suspects(doc, doc.live()):
            t = b.text
            if not t or t.isspace() or (not t.isascii() and is_blankish(b)):
                doc.remove(b, self.id, WHITESPACE)
                continue
            # Any space but the plain one counts, ASCII ones included: a carriage return left at a
            # line's end (once a control character after it is gone) would end the line on the next
            # run, which reads "\r\n" as a line break.
            if not (t[0].isspace() or t[-1].isspace() or "  " in t or _ODD_SPACE.search(t)):
                continue
            # Leading and trailing runs go; inner runs become one space. In a printable line (the
            # usual suspect: a space at an end) the only whitespace is the space, so the inner
            # runs are runs of two spaces or more, and there are none without two in a row.
            lead = len(t) - len(t.lstrip(_SPACES))
            trail = len(t) - len(t.rstrip(_SPACES))
            spans = [(0, lead, "")] if lead else []
            printable = b.cache.get("p")
            if printable is None:
                printable = t.isprintable()
            if not printable:
                spans += [(m.start(), m.end(), " ") for m in _INNER_RUN.finditer(t, lead, len(t) - trail)]
            elif "  " in t:
                spans += [(m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(t, lead, len(t) - trail)]
            if trail:
                spans.append((len(t) - trail, len(t), ""))
            doc.edit_many(b, spans, self.id)
            if printable:  # now clean: its profile for the filters after, without checking again
                mark_clean((b,))
