"""markdown.v1: Markdown syntax and reader-service headers around article text.

Scrapers that save pages as Markdown (reader services, HTML-to-Markdown converters) leave syntax
that is not text. This filter:

- takes a reader-service header at the head of the document (``Title: ...``, ``URL Source: ...``,
  ``Published Time: ...``, ``Markdown Content:``; at least two such labels in a row, the first on the
  first kept line): the title into ``title``, the date into ``date``, the rest removed (kind
  ``markup``);
- removes a line made only of links (``[text](https://...)``), with an optional list bullet or
  number, several links joined by separators counting as one line of navigation: kind ``link``
  (one link) or ``nav`` (several);
- cuts the markers around the text it keeps: heading marks (``## Subheading``), strong emphasis
  (``**text**``, ``__text__``), emphasis over a whole line (``*text*``, ``_text_``), and inline
  links, whose text stays and whose target goes (``[text](https://...)`` becomes ``text``): kind
  ``markup``.

Images (``![alt](url)``) are media.v1's; the emptied lines and the kept text go on to the other
filters, which then see plain text: a bold signature becomes a signature line, a heading the title.

Why: markup is not language; a related-article list saved as Markdown is a list of links.
False-positive risks: a body line made only of links is removed (in news pages such lines are
related or navigation lists, but a reference list in a report would go too); a line starting with
"#" and a space loses the marks (a hashtag has no space after "#"); text between two "**" or two
"__" on one line loses them (a formula written with "**" as a power would be unwrapped); a link
target must start with "http", "www." or "/" for anything to happen to it.

Cost: one-character searches of the input (``str.find``, in C) find the markers ("](", "**", "__",
"#" at a line start) and the lines holding them; only those lines are read, and only the first
kept line is tested for a header. The input is searched, not the text as earlier filters left it:
none of the built-in filters that run before makes a marker.
"""

from __future__ import annotations

import bisect
import re

from cleancorpus.document import KEPT, Block, Document
from cleancorpus.filters.base import DATE, LINK, MARKUP, NAV, TITLE, BaseFilter
from cleancorpus.filters.header import iso_date, parse_date_line
from cleancorpus.lexicon import Lexicon
from cleancorpus.segment import stripped

#: Labels of reader-service headers, case-folded, each with what its value is.
HEADER_LABELS: dict[str, str] = {
    "title": "title",
    "url source": "url",
    "url": "url",
    "source url": "url",
    "published time": "date",
    "published": "date",
    "date": "date",
    "description": "meta",
    "markdown content": "start",
}
_HEADER = re.compile(r"^\s*([A-Za-z][A-Za-z ]{1,20}?)\s*:\s*(.*?)\s*$")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TARGET = r"\((?:https?://|www\.|/)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"
#: An inline link (not an image: no "!" before it); group 1 is its text.
_LINK = re.compile(rf"(?<!!)\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){{1,300}})\]{_TARGET}")
_ONE_LINK = rf"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\]){{0,300}}\]{_TARGET}"
#: A line of links only: an optional bullet or number, links joined by separators.
_LINK_LINE = re.compile(rf"(?:[-*+•]\s+|\d{{1,3}}[.)]\s+)?{_ONE_LINK}(?:\s*[|·•>»›/,;–-]?\s*{_ONE_LINK})*")
_HEADING = re.compile(r"^(\s*#{1,6}[ \t]+)(.*?)(\s+#+)?\s*$")
#: Where a rule may apply: a link target, strong-emphasis markers (each the first character of a
#: pair and the character that must follow it).
_PAIRS = (("]", "("), ("*", "*"), ("_", "_"))
_STRONG = re.compile(r"(?<!\w)(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?!\w)")


class MarkdownFilter(BaseFilter):
    """Reader-service headers, link-only lines, heading marks, strong emphasis and inline links."""

    id = "markdown.v1"

    def __init__(self, header: bool = True) -> None:
        super().__init__(header=header)
        self.header = header

    def apply(self, doc: Document) -> None:
        head = next(doc.iter_live(), None)
        if head is None:
            return
        if self.header and ":" in head.text[:25]:
            self._reader_header(doc, head)
        # Only lines whose input holds a marker are read (no earlier built-in filter makes any).
        marks = _marks(doc.raw)
        if not marks:
            return
        blocks = doc.blocks
        starts = [b.start for b in blocks]
        for i in sorted({bisect.bisect_right(starts, at) - 1 for at in marks}):
            if i < 0 or blocks[i].status != KEPT:
                continue
            b = blocks[i]
            s = stripped(b)
            if not s:
                continue
            if "](" in s and s[0] != "!" and _LINK_LINE.fullmatch(s):
                # (a line of images alone is media.v1's: an image line marks where a caption follows)
                n = len(_LINK.findall(s)) + s.count("![")
                doc.remove(b, f"{self.id}/link-line", NAV if n > 1 else LINK)
                continue
            self._unwrap(doc, b, s)

    def _unwrap(self, doc: Document, b: Block, s: str) -> None:
        """Cut heading marks, strong-emphasis markers and link targets out of a kept line."""
        text = b.text
        spans: list[tuple[int, int, str]] = []
        if s[0] in "*_" and s[-1] == s[0] and len(s) > 2 and s[1] not in " *_" and s[-2] not in " *_":
            # emphasis over the whole line: "*Cầu Rào 1 nhìn từ trên cao. Ảnh: Hoàng Phong*"
            at, end = text.index(s[0]), text.rindex(s[0])
            spans += [(at, at + 1, ""), (end, end + 1, "")]
        if s[0] == "#":
            m = _HEADING.match(text)
            if m and m.group(2):
                spans.append((m.start(1), m.end(1), ""))
                if m.group(3):
                    spans.append((m.start(3), m.end(3), ""))
        if "**" in s or "__" in s:
            for m in _STRONG.finditer(text):
                spans.append((m.start(1), m.end(1), ""))
                spans.append((m.end(2), m.end(), ""))
        if "](" in s:
            for m in _LINK.finditer(text):
                spans.append((m.start(), m.start(1), ""))
                spans.append((m.end(1), m.end(), ""))
        if spans:
            spans.sort()
            keep: list[tuple[int, int, str]] = []
            for sp in spans:  # markers of different kinds never overlap in valid markup; be safe
                if not keep or sp[0] >= keep[-1][1]:
                    keep.append(sp)
            doc.edit_many(b, keep, f"{self.id}/markup", kind=MARKUP)

    def _reader_header(self, doc: Document, head: Block) -> None:
        """A run of ``Label: value`` lines from the first kept line, at least two of them header
        labels (see ``HEADER_LABELS``): their values go to the fields, the lines out of the text."""
        run: list[tuple[Block, str, str]] = []
        for b in doc.iter_live():
            m = _HEADER.match(b.text)
            what = HEADER_LABELS.get(m.group(1).casefold()) if m else None
            if m is None or what is None:
                break
            run.append((b, what, m.group(2)))
            if what == "start" or len(run) > len(HEADER_LABELS):
                break
        if len(run) < 2 or run[0][0] is not head:
            return
        rule = f"{self.id}/reader-header"
        lex = self.lexicon(doc)
        for b, what, value in run:
            if what == "title" and value and doc.title is None:
                doc.move(b, "title", rule, TITLE, value=value)
            elif what == "date" and doc.date is None and (iso := _date(value, lex)):
                doc.move(b, "date", rule, DATE, value=iso)
            else:
                doc.remove(b, rule, MARKUP)


def _marks(raw: str) -> list[int]:
    """Offsets in ``raw`` of the markers: "](", "**", "__", and "#" with only spaces or tabs before
    it on its line. Found with one-character searches (``str.find`` of one character runs about
    ten times faster than of two), each hit checked by the character after or the text before it."""
    marks: list[int] = []
    for first, then in _PAIRS:
        at = raw.find(first)
        while at >= 0:
            if raw[at + 1:at + 2] == then or (first in "*_" and (at == 0 or raw[at - 1] == "\n")):
                marks.append(at)  # a pair, or "*" / "_" opening a line (emphasis over a whole line)
            at = raw.find(first, at + 1)
    at = raw.find("#")
    while at >= 0:
        if not raw[raw.rfind("\n", 0, at) + 1:at].strip(" \t"):
            marks.append(at)
        at = raw.find("#", at + 1)
    return marks


def _date(value: str, lex: Lexicon) -> str | None:
    """The ISO date of a header's date value (``2025-03-05T10:30:00+07:00``, ``05/03/2025``)."""
    m = _ISO.match(value.strip())
    if m:
        return iso_date(m.group(1), m.group(2), m.group(3))
    return parse_date_line(value, lex)
