"""header.v1: take the title and the publication date out of the head of the document.

Moves: a leading date marker (`` date 2025-10-30 Title``) into ``date``; a date line near the top
("Thứ Năm, 30/10/2025 14:32 (GMT+7)", "Cập nhật: 30/10/2025", "Thứ Tư, ngày 5 tháng 3 năm 2025",
"Updated: March 5, 2025 10:30 AM") into ``date``; the first line into
``title`` (plain-text scrapes put the title on line 1); a repetition of the title right after it
(also of a title from metadata that carries the site's name after a bar or dash, which then loses it).

Why: title and date are metadata, not body text, and training data wants them as fields.
False-positive risks: a file without a title line loses its first line to ``title`` (unless that
line is plainly a paragraph: a period at its end and more than 25 tokens or two sentences): turn
``title_line`` off for such inputs (records that carry a ``title`` field turn it off by themselves,
as the document then has a title already, and so does text extracted from HTML, whose document
says ``title_in_text=False``). A date line is only taken when the whole line is made of
date, time, weekday and label tokens.

Cost: only the first ``scan + 3`` kept lines are read (the date lines, the title line and the line
after it are among them); a line without a decimal digit is no date line; a weekday name is only
substituted in a line that holds it; a repeated title is compared by first token before the keys.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import DATE, DUPLICATE, TITLE, BaseFilter
from cleancorpus.lexicon import Lexicon
from cleancorpus.segment import first_key, key, norm_key, stripped, words_over

_MARKER = re.compile(
    r"^\s*(?:date|published|pubdate|ngày)\s*[:=]?\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s+(?=\S)",
    re.IGNORECASE,
)
_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_YMD = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
#: "ngày 5 tháng 3 năm 2025", "5 tháng 3, 2025".
_VI_LONG = re.compile(r"\b(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,)\s*(\d{4})\b", re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
#: "March 5, 2025", "Mar. 5th 2025" and "5 March 2025".
_EN_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_EN_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?\b", re.IGNORECASE)
_TZ = re.compile(r"\(?\s*(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?", re.IGNORECASE)
_LABELS = re.compile(
    r"\b(?:cập nhật|ngày đăng|đăng lúc|đăng ngày|thời gian|ngày|lúc|giờ|published|updated|posted|on|at)\b",
    re.IGNORECASE,
)
_RESIDUE = re.compile(r"[\s,|\-–—:()/.]+")
_DIGIT = re.compile(r"\d")
#: A site name after a title: " | Báo X", " - VnExpress" (at most five words).
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+(?:\S+\s+){0,4}\S+\s*$")
#: An ISO date or date-time: "2024-08-02", "2024-08-02T10:00:00+07:00", "2024-08-02 10:00".
_ISO_START = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
#: A sentence end inside a line: ". " before a capital letter.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+[A-ZĐÀ-Ỹ]")


@functools.lru_cache(maxsize=8)
def _weekday_patterns(weekdays: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each weekday name, case-folded, with its pattern as a whole word, longest names first."""
    return tuple((wd.casefold(), re.compile(rf"(?<!\w){re.escape(wd.casefold())}(?!\w)"))
                 for wd in sorted(weekdays, key=len, reverse=True))


def iso_date(y: str, m: str, d: str) -> str | None:
    """``YYYY-MM-DD`` for a valid calendar date, else None."""
    try:
        return _dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def parse_date_line(text: str, lex: Lexicon) -> str | None:
    """The ISO date of a line made only of a date and date-line furniture, else None."""
    if len(text) > 80 or _DIGIT.search(text) is None:  # the date patterns need decimal digits
        return None
    return _date_alone(text, lex.weekdays)


def _date_alone(text: str, weekdays: tuple[str, ...]) -> str | None:
    """The ISO date of ``text`` when besides the date it holds only time, zone, label and
    ``weekdays`` furniture, else None."""
    iso, m = _find_date(text)
    if iso is None or m is None:
        return None
    rest = text[: m.start()] + " " + text[m.end():]
    rest = _TZ.sub(" ", _TIME.sub(" ", rest))
    low = rest.casefold()
    for wd, rx in _weekday_patterns(weekdays):
        if wd in low:  # the pattern is the name with look-arounds: without the name it cannot match
            low = rx.sub(" ", low)
    low = _LABELS.sub(" ", low)
    return iso if not _RESIDUE.sub("", low) else None


def _month(name: str) -> str:
    key = name.casefold().rstrip(".")[:3]
    return str(next(i for i, full in enumerate(_MONTHS, 1) if full.startswith(key)))


def _find_date(text: str) -> tuple[str | None, re.Match[str] | None]:
    """The first date form found in ``text`` (day/month/year with separators, ISO, the Vietnamese
    long form, English month names) as an ISO date, with its match."""
    m = _DMY.search(text)
    if m:
        return iso_date(m.group(3), m.group(2), m.group(1)), m
    m = _YMD.search(text)
    if m:
        return iso_date(m.group(1), m.group(2), m.group(3)), m
    if "tháng" in text.casefold():
        m = _VI_LONG.search(text)
        if m:
            return iso_date(m.group(3), m.group(2), m.group(1)), m
    if text.isascii():
        m = _EN_MDY.search(text)
        if m:
            return iso_date(m.group(3), _month(m.group(1)), m.group(2)), m
        m = _EN_DMY.search(text)
        if m:
            return iso_date(m.group(3), _month(m.group(2)), m.group(1)), m
    return None, None


def _paragraph(b: Block) -> bool:
    """A first line that is a paragraph, not a headline: it ends with a period (not an ellipsis)
    and holds more than 25 tokens or a sentence end inside it."""
    s = b.text.strip()
    if not s.endswith(".") or s.endswith(("..", "…")):
        return False
    return words_over(b, 25) or _SENTENCE_END.search(s[:-1]) is not None


def normalize_date(value: str) -> str | None:
    """The ISO date of a date value given as metadata ("02/08/2024", "05/11/2024 09:30",
    "2024-08-02T10:00:00+07:00", "March 5, 2025"), or None when it holds no single date and only
    time and zone furniture besides."""
    if len(value) > 80:
        return None
    m = _ISO_START.match(value)
    if m:
        return iso_date(m.group(1), m.group(2), m.group(3))
    return _date_alone(value, ())


class HeaderFilter(BaseFilter):
    """Title line, date marker, date lines near the top, repeated title."""

    id = "header.v1"

    def __init__(self, title_line: bool = True, date_lines: bool = True, scan: int = 3) -> None:
        super().__init__(title_line=title_line, date_lines=date_lines, scan=scan)
        self.title_line = title_line
        self.date_lines = date_lines
        self.scan = scan

    def apply(self, doc: Document) -> None:
        # Only the head of the document matters: the lines the date check scans, the title line
        # and the line after it are among the first ``scan + 3`` kept lines.
        live = list(itertools.islice(doc.iter_live(), self.scan + 3 if self.scan >= 0 else None))
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
            if not words_over(head, 60) and not _paragraph(head):
                doc.move(head, "title", f"{self.id}/title-line", TITLE)
                live = live[1:]
        if doc.title and live:
            self._drop_repeat(doc, live[0])

    def _drop_repeat(self, doc: Document, b: Block) -> None:
        title = norm_key(doc.title or "")
        # Keys that differ in their first token differ: most lines are told apart without a key.
        if first_key(b) != title.partition(" ")[0]:
            return
        if key(b) == title:
            doc.remove(b, f"{self.id}/repeated-title", DUPLICATE)
            return
        # A title from metadata with the site's name after it ("Giá lúa tăng | Báo X"): the line
        # repeats the title without it, and the title loses it too.
        m = _SITE_SUFFIX.search(doc.title or "")
        if m and key(b) == norm_key(doc.title[: m.start()]):  # type: ignore[index]
            doc.title = stripped(b)
            doc.remove(b, f"{self.id}/repeated-title", DUPLICATE)
