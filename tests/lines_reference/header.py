"""Reference copy (main at 2551ac7, see the package docstring). header.v1: take the title and the publication date out of the head of the document.

Moves: a leading date marker (`` date 2025-10-30 Title``) into ``date``; a date line near the top
("Thứ Năm, 30/10/2025 14:32 (GMT+7)", "Cập nhật: 30/10/2025") into ``date``; the first line into
``title`` (plain-text scrapes put the title on line 1); a repetition of the title right after it.

Why: title and date are metadata, not body text, and training data wants them as fields.
False-positive risks: a file without a title line loses its first line to ``title``: turn
``title_line`` off for such inputs (records that carry a ``title`` field turn it off by themselves,
as the document then has a title already, and so does text extracted from HTML, whose document
says ``title_in_text=False``). A date line is only taken when the whole line is made of
date, time, weekday and label tokens.
"""

from __future__ import annotations

import datetime as _dt
import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import DATE, DUPLICATE, TITLE, BaseFilter
from cleancorpus.filters.header import _find_date, _paragraph
from cleancorpus.lexicon import Lexicon
from tests.lines_reference.segment import key, norm_key, words

_MARKER = re.compile(
    r"^\s*(?:date|published|pubdate|ngày)\s*[:=]?\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s+(?=\S)",
    re.IGNORECASE,
)
_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_YMD = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?\b", re.IGNORECASE)
_TZ = re.compile(r"\(?\s*(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?", re.IGNORECASE)
_LABELS = re.compile(
    r"\b(?:cập nhật|ngày đăng|đăng lúc|đăng ngày|thời gian|ngày|lúc|giờ|published|updated|posted|on|at)\b",
    re.IGNORECASE,
)
_RESIDUE = re.compile(r"[\s,|\-–—:()/.]+")


def iso_date(y: str, m: str, d: str) -> str | None:
    """``YYYY-MM-DD`` for a valid calendar date, else None."""
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def parse_date_line(text: str, lex: Lexicon) -> str | None:
    """The ISO date of a line made only of a date and date-line furniture, else None."""
    if len(text) > 80 or not any(ch.isdigit() for ch in text):
        return None
    # Deliberate change after 3309710: the Vietnamese long form and English month names too (the
    # date forms are the filter's own).
    iso, m = _find_date(text)
    if iso is None or m is None:
        return None
    rest = text[: m.start()] + " " + text[m.end():]
    rest = _TZ.sub(" ", _TIME.sub(" ", rest))
    low = rest.casefold()
    for wd in sorted(lex.weekdays, key=len, reverse=True):
        low = re.sub(rf"(?<!\w){re.escape(wd.casefold())}(?!\w)", " ", low)
    low = _LABELS.sub(" ", low)
    return iso if not _RESIDUE.sub("", low) else None


class HeaderFilter(BaseFilter):
    """Title line, date marker, date lines near the top, repeated title."""

    id = "header.v1"

    def __init__(self, title_line: bool = True, date_lines: bool = True, scan: int = 3) -> None:
        super().__init__(title_line=title_line, date_lines=date_lines, scan=scan)
        self.title_line = title_line
        self.date_lines = date_lines
        self.scan = scan

    def apply(self, doc: Document) -> None:
        live = doc.live()
        if not live:
            return
        lex = self.lexicon(doc)
        first = live[0]
        m = _MARKER.match(first.text)
        if m:
            iso = iso_date(m.group(1), m.group(2), m.group(3))
            if iso:
                if doc.date is None:
                    doc.date = iso
                doc.edit(first, 0, m.end(), "", f"{self.id}/date-marker", kind=DATE)
        if self.date_lines:
            for b in live[: self.scan + 1]:
                iso = parse_date_line(b.text, lex)
                if iso:
                    doc.move(b, "date", f"{self.id}/date-line", DATE, value=iso)
        live = [b for b in live if b.kept]
        if not live:
            return
        if doc.title is None and self.title_line and doc.title_in_text:
            head = live[0]
            if words(head) <= 60 and not _paragraph(head):  # deliberate change after 3309710
                doc.move(head, "title", f"{self.id}/title-line", TITLE)
                live = live[1:]
        if doc.title and live:
            self._drop_repeat(doc, live[0])

    def _drop_repeat(self, doc: Document, b: Block) -> None:
        if key(b) == norm_key(doc.title or ""):
            doc.remove(b, f"{self.id}/repeated-title", DUPLICATE)
