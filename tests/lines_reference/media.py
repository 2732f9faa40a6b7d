"""Reference copy (main at 2551ac7, see the package docstring). media.v1: image file names, markdown images and links, empty placeholders, multimedia links.

Removes whole lines that are:
- an image file name or image URL (``vna_potal_..._7250142.jpg``, ``quang cảnh 2.jpg``): kind ``image``;
- a markdown image ``![alt](url)``, alone or with table pipes, and empty placeholders such as
  ``![]() |``, ``[]()`` or a line of pipes: kind ``image``;
- a multimedia link: ``[Video] ...``, ``[Infographics] ...``, ``![[Video] ...](https://...)``,
  ``Video: <title>``, ``Nguồn video: ...``: kind ``media``;
- a markdown link or a bare URL standing alone: kind ``link``.
Cuts table-pipe residue (``caption text |``) off the ends of lines: kind ``markup``.

Why: none of this is article text; image lines also mark where a caption follows (caption.v1).
False-positive risks: a body sentence that names a file keeps its line, because an image line must
end with the extension and hold at most ``max_words`` tokens; a line that starts with "Video:" and
runs past ``max_words`` is kept.
"""

from __future__ import annotations

import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import IMAGE, LINK, MARKUP, MEDIA, BaseFilter
from cleancorpus.filters.media import _after_announcement
from tests.lines_reference.segment import norm_key, stripped, words

IMAGE_EXT = r"(?:jpe?g|png|gif|webp|bmp|svg|tiff?|avif|heic|jfif)"
_IMAGE_LINE = re.compile(rf"^\S.*\.{IMAGE_EXT}(?:\?\S*)?$", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_MD_LINK_LINE = re.compile(r"^\[(?:[^\[\]]|\[[^\[\]]*\])+\]\([^()\s]+\)$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^[\s|!\[\]()\-–:*#_=+.]*$")
_PIPES = re.compile(r"^\|\s+|\s+\|$|^\|(?=\S)|(?<=\S)\|$")
_TAG = re.compile(r"^\[([^\[\]]{2,30})\]\s*(?=\S)")
#: A media label with nothing after it: the player or picture it introduced is gone.
# Deliberate change after 3309710: image numbers ("Ảnh 1").
_IMAGE_NUMBER = re.compile(r"^(?:ảnh|hình|hình ảnh|photo|image|picture)\s*(?:số\s*)?\d{1,3}\s*[:.]?$", re.IGNORECASE)
_BARE_LABEL = re.compile(r"^(?:video|clip|xem video|ảnh|photo|audio|podcast|infographics?)\s*:\s*$", re.IGNORECASE)
_VIDEO_LABEL = re.compile(r"^(?:nguồn video|video|clip|xem video|source video|infographics?|podcast|audio)\s*:\s*\S",
                          re.IGNORECASE)


class MediaFilter(BaseFilter):
    """Image lines, markdown images and links, placeholders, table pipes, multimedia links."""

    id = "media.v1"

    def __init__(self, max_words: int = 6, max_link_words: int = 40) -> None:
        super().__init__(max_words=max_words, max_link_words=max_link_words)
        self.max_words = max_words
        self.max_link_words = max_link_words

    def apply(self, doc: Document) -> None:
        lex = self.lexicon(doc)
        for i, b in enumerate(doc.blocks):
            if b.status != "kept":
                continue
            s = stripped(b)
            if not s:
                continue
            c0 = s[0]
            if _URL_LINE.match(s) and _after_announcement(doc.blocks, i):  # deliberate change after 3309710
                continue
            if _IMAGE_NUMBER.match(s):  # deliberate change after 3309710
                doc.remove(b, f"{self.id}/image-number", IMAGE)
                continue
            # Fast path: most prose lines start with a letter and hold none of the markers.
            # (An image file line ends in ".ext" and has at most max_words words.)
            if (c0 not in "![|<h" and "|" not in s[-2:] and ":" not in s[:20]
                    and ("." not in s[-6:] or words(b) > self.max_words)):
                if not (c0.isalpha() or c0.isdigit()) and _PLACEHOLDER.match(s):
                    self._placeholder(doc, b, s)
                continue
            if _PLACEHOLDER.match(s):
                self._placeholder(doc, b, s)
                continue
            if c0 == "!" and _MD_IMAGE.match(s):
                rest = _MD_IMAGE.sub("", s).strip(" |")
                if not rest:
                    alt = s[2:].lstrip()
                    kind = MEDIA if _TAG.match(alt) and norm_key(_TAG.match(alt).group(1)) in lex.media_tags else IMAGE
                    doc.remove(b, f"{self.id}/markdown-image", kind)
                    continue
                m = _MD_IMAGE.match(b.text.lstrip())
                lead = len(b.text) - len(b.text.lstrip())
                if m:
                    doc.edit(b, lead, lead + m.end(), "", f"{self.id}/markdown-image", kind=IMAGE)
                    s = stripped(b)
            if _URL_LINE.match(s):
                kind = IMAGE if re.search(rf"\.{IMAGE_EXT}(?:\?|$)", s, re.IGNORECASE) else LINK
                doc.remove(b, f"{self.id}/url", kind)
                continue
            if words(b) <= self.max_words and _IMAGE_LINE.match(s):
                doc.remove(b, f"{self.id}/image-file", IMAGE)
                continue
            if c0 == "[":
                if _MD_LINK_LINE.match(s):
                    doc.remove(b, f"{self.id}/markdown-link", LINK)
                    continue
                m = _TAG.match(s)
                if m and norm_key(m.group(1)) in lex.media_tags and words(b) <= self.max_link_words:
                    doc.remove(b, f"{self.id}/media-link", MEDIA)
                    continue
            if ":" in s[:20] and _BARE_LABEL.match(s):
                doc.remove(b, f"{self.id}/bare-label", MEDIA)
                continue
            if ":" in s[:20] and _VIDEO_LABEL.match(s) and words(b) <= self.max_link_words and s[-1] not in ".…":
                doc.remove(b, f"{self.id}/video-label", MEDIA)
                continue
            if "|" in s:
                doc.edit_many(b, [(m.start(), m.end(), "") for m in _PIPES.finditer(b.text)], f"{self.id}/table-pipe",
                              kind=MARKUP)

    def _placeholder(self, doc: Document, b: Block, s: str) -> None:
        """An empty image (``![]()``, ``[]()``) or a line of layout punctuation (``|``, ``***``)."""
        kind = IMAGE if ("!" in s or "[]" in s or "()" in s) else MARKUP
        doc.remove(b, f"{self.id}/placeholder", kind)
