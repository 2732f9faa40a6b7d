"""Reference copy (main at 2551ac7, see the package docstring). whitespace.v1: normalise spaces inside lines and drop lines that hold only spaces.

Removes: lines made only of (no-break, zero-width, ideographic) spaces. Fixes: no-break and other
Unicode spaces to a plain space, runs of spaces and tabs to one space, leading and trailing spaces.

Why: scrapers carry layout spacing (``&nbsp;`` paragraphs, indentation) that is not text.
False-positive risks: none for prose; preformatted text (code, tables aligned with spaces) loses its
alignment, so do not run this filter on such corpora.
"""

from __future__ import annotations

import re

from cleancorpus.document import Document
from cleancorpus.filters.base import WHITESPACE, BaseFilter
from tests.lines_reference.segment import blocks_matching, is_blankish, nonprintable_blocks

_ODD_SPACE = re.compile(r"[^\S\n ]")  # any whitespace but a plain space (tab, no-break, ...)
#: Every line the filter may change holds a character other than a plain space that is a space or
#: invisible (all non-printable, see :func:`~cleancorpus.segment.nonprintable_blocks`), two spaces,
#: a space at a line end, or is empty (``_PAIRS``). The per-line checks decide.
_PAIRS = ("  ", " \n", "\n ", "\n\n")
#: Whitespace inside a line (every ``str.isspace`` character but the line feed; all lie below U+10000).
_SPACES = "".join(c for c in map(chr, range(0x10000)) if c.isspace() and c != "\n")
#: A run of two or more spaces, or a run starting with a space other than a plain one. Explicit
#: classes starting on the space scan several times faster than ``[^\S\n]`` alternations.
_INNER_RUN = re.compile(f" [{re.escape(_SPACES)}]+|[{re.escape(_SPACES.replace(' ', ''))}][{re.escape(_SPACES)}]*")


class WhitespaceFilter(BaseFilter):
    """Unicode spaces, runs of spaces, trailing spaces, whitespace-only lines."""

    id = "whitespace.v1"

    def apply(self, doc: Document) -> None:
        live = doc.live()
        todo = set(blocks_matching(live, None, _PAIRS))
        todo.update(nonprintable_blocks(live))
        for b in live:
            if b not in todo:
                continue
            t = b.text
            if not t or t.isspace() or (not t.isascii() and is_blankish(b)):
                doc.remove(b, self.id, WHITESPACE)
                continue
            # Changed since 2551ac7, as in the filter (4c674fd, a bug fix, not a pre-check): ASCII
            # spaces other than the plain one count on ASCII lines too.
            if not (t[0].isspace() or t[-1].isspace() or "  " in t or _ODD_SPACE.search(t)):
                continue
            # Leading and trailing runs go; inner runs become one space.
            lead = len(t) - len(t.lstrip(_SPACES))
            trail = len(t) - len(t.rstrip(_SPACES))
            spans = [(0, lead, "")] if lead else []
            spans += [(m.start(), m.end(), " ") for m in _INNER_RUN.finditer(t, lead, len(t) - trail)]
            if trail:
                spans.append((len(t) - trail, len(t), ""))
            doc.edit_many(b, spans, self.id)
