"""tags.v1: HTML left in plain text: character references decoded, tags and comments cut.

Scrapers that strip markup badly (or store feed descriptions as they came) leave HTML in the text:

- character references are decoded (a fix): named ones from HTML5's list (``&quot;``, ``&amp;``,
  ``&nbsp;``, ``&agrave;``), decimal and hexadecimal ones (``&#7889;``, ``&#x1EA1;``); a reference
  escaped again (``&amp;quot;``) is decoded to its character in one step, so a second run changes
  nothing;
- tags of HTML elements (``<br>``, ``<p class="x">``, ``</strong>``, ``<img src=...>``) and comments
  (``<!-- ... -->``) are cut (kind ``markup``); a break or block tag between two words becomes a
  space, so that the words stay apart; a ``<script>`` or ``<style>`` element is cut with its content.

It runs before unicode.v1 and whitespace.v1, which then see the decoded characters (a decoded
``&nbsp;`` is a no-break space for whitespace.v1, a decoded combining mark is composed by NFC).

Why: markup is not language, and an undecoded reference splits a word in two for a tokeniser.
False-positive risks: only names of HTML elements are taken as tags, so "a < b" and "<3" stay; a
text that quotes HTML on purpose (a tutorial) loses its tags; a reference-looking string in prose
("AT&T;" with a semicolon) is left alone unless it is a real reference name.

Cost: a document whose text holds neither "&" nor "<" is passed over after two one-character tests;
otherwise only the lines holding one are read.
"""

from __future__ import annotations

import html
import html.entities
import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import MARKUP, BaseFilter
from cleancorpus.segment import blocks_matching

#: Elements whose tags are cut; those in ``_BREAKS`` separate words.
_INLINE = ("a", "abbr", "b", "big", "cite", "code", "em", "font", "i", "ins", "del", "mark", "q", "s", "small",
           "span", "strike", "strong", "sub", "sup", "time", "u")
_BREAKS = ("address", "article", "aside", "audio", "blockquote", "br", "button", "caption", "center", "dd",
           "div", "dl", "dt", "embed", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
           "header", "hr", "iframe", "img", "input", "label", "li", "main", "nav", "noscript", "object", "ol",
           "p", "picture", "pre", "section", "source", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
           "video", "wbr")
_NAMES = "|".join(sorted((*_INLINE, *_BREAKS), key=len, reverse=True))
#: A tag of a known element, or a comment; a script or style element with its content.
_TAG = re.compile(
    rf"<!--.*?-->|<(script|style)\b[^<>]*>.*?</\1\s*>|</?(?:{_NAMES})(?=[\s/>])(?:\s[^<>]{{0,500}}?)?/?>",
    re.IGNORECASE | re.DOTALL,
)
_BREAK_TAG = re.compile(rf"</?(?:{'|'.join(_BREAKS)})(?=[\s/>])", re.IGNORECASE)
#: A character reference, possibly escaped again ("&amp;quot;").
_REF = re.compile(r"&(?:amp;)*(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


class TagsFilter(BaseFilter):
    """Character references decoded, HTML tags and comments cut."""

    id = "tags.v1"

    def __init__(self, references: bool = True, tags: bool = True) -> None:
        super().__init__(references=references, tags=tags)
        self.references = references
        self.tags = tags

    def apply(self, doc: Document) -> None:
        raw = doc.raw
        literals = tuple(c for c, on in (("&", self.references), ("<", self.tags)) if on and c in raw)
        if not literals:
            return
        for b in blocks_matching(doc.live(), None, literals):
            if self.references and "&" in b.text:
                self._references(doc, b)
            if self.tags and "<" in b.text:
                self._tags(doc, b)

    def _references(self, doc: Document, b: Block) -> None:
        spans = []
        for m in _REF.finditer(b.text):
            ref = m.group(1)
            if ref[0] != "#" and ref not in html.entities.html5:
                continue
            new = html.unescape("&" + ref)
            if new != "&" + ref:
                spans.append((m.start(), m.end(), new))
        if spans:
            doc.edit_many(b, spans, f"{self.id}/reference")

    def _tags(self, doc: Document, b: Block) -> None:
        text = b.text
        spans = []
        for m in _TAG.finditer(text):
            s, e = m.start(), m.end()
            apart = (s > 0 and e < len(text) and not text[s - 1].isspace() and not text[e].isspace()
                     and _BREAK_TAG.match(m.group()) is not None)
            spans.append((s, e, " " if apart else ""))
        if spans:
            doc.edit_many(b, spans, f"{self.id}/tag", kind=MARKUP)
