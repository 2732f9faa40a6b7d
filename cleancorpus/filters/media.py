"""media.v1: image file names, markdown images and links, empty placeholders, multimedia links.

Removes whole lines that are:
- an image file name or image URL (``vna_potal_..._7250142.jpg``, ``quang cảnh 2.jpg``), or an image
  number standing for the picture (``Ảnh 1``, ``Hình 2:``): kind ``image``;
- a markdown image ``![alt](url)``, alone or with table pipes, and empty placeholders such as
  ``![]() |``, ``[]()`` or a line of pipes: kind ``image``;
- a multimedia link: ``[Video] ...``, ``[Infographics] ...``, ``![[Video] ...](https://...)``,
  ``Video: <title>``, ``Nguồn video: ...``, ``Infographic: <title>``, ``Podcast: <title>``: kind ``media``;
- a markdown link or a bare URL standing alone: kind ``link`` (a URL right after a prose line of four
  or more tokens ending with a colon, "... tại địa chỉ:", is the content it announces and stays).
Cuts table-pipe residue (``caption text |``) off the ends of lines: kind ``markup``.

Why: none of this is article text; image lines also mark where a caption follows (caption.v1).
False-positive risks: a body sentence that names a file keeps its line, because an image line must
end with the extension and hold at most ``max_words`` tokens; a line that starts with "Video:" and
runs past ``max_words`` is kept.

Pre-checks (they skip work, never a line a rule could take): a line whose colon, if any, comes after
its 20th character, and that either passes the historical fast path (none of "![|<h" first, no pipe
in its last two characters, no period in its last six or more than ``max_words`` tokens) or starts
with none of "!", "[" or a URL's first letter (h, H, w, W: see tests), holds no pipe and holds no
period or more than ``max_words`` tokens, can only be a placeholder, and is one only if it starts
and ends with a placeholder character. On the other lines each rule is tried only when its first
character or a character it needs is there. The token count comes from the line's profile.

Memo: the decision on a line of at most 40 tokens that passes the fast path (mostly page furniture:
image names, media links, labels, which a site repeats on every page) is remembered per stripped
text and language, on the filter (at most 2^15 texts per language, then forgotten at once): the
rules read nothing else. Lines the rules edit (a markdown image cut off, table pipes) are not
remembered. A prose line that starts like a label ("Hà Nội: ...") costs one dictionary entry.
"""

from __future__ import annotations

import re

from cleancorpus.document import KEPT, Block, Document
from cleancorpus.filters.base import IMAGE, LINK, MARKUP, MEDIA, BaseFilter
from cleancorpus.lexicon import Lexicon
from cleancorpus.memo import remember
from cleancorpus.segment import norm_key, profile, stripped, words_over

IMAGE_EXT = r"(?:jpe?g|png|gif|webp|bmp|svg|tiff?|avif|heic|jfif)"
_IMAGE_LINE = re.compile(rf"^\S.*\.{IMAGE_EXT}(?:\?\S*)?$", re.IGNORECASE)
_MD_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()\s]*(?:\([^()]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_MD_LINK_LINE = re.compile(r"^\[(?:[^\[\]]|\[[^\[\]]*\])+\]\([^()\s]+\)$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_URL_IMAGE = re.compile(rf"\.{IMAGE_EXT}(?:\?|$)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^[\s|!\[\]()\-–:*#_=+.]*$")
_PLACEHOLDER_FIRST = "|![]()-–:*#_=+."  # what a stripped placeholder line starts and ends with
_PIPES = re.compile(r"^\|\s+|\s+\|$|^\|(?=\S)|(?<=\S)\|$")
_TAG = re.compile(r"^\[([^\[\]]{2,30})\]\s*(?=\S)")
#: A media label with nothing after it: the player or picture it introduced is gone.
_BARE_LABEL = re.compile(r"^(?:video|clip|xem video|ảnh|photo|audio|podcast|infographics?)\s*:\s*$", re.IGNORECASE)
#: Lines past the fast path of at most this many tokens have their decision remembered per text
#: (see :meth:`MediaFilter.apply`), in at most ``_MEMO_SIZE`` texts per language.
_MEMO_WORDS = 40
_MEMO_SIZE = 1 << 15
#: An image number left where the picture was ("Ảnh 1", "Hình số 2:", "Photo 3").
_IMAGE_NUMBER = re.compile(r"^(?:ảnh|hình|hình ảnh|photo|image|picture)\s*(?:số\s*)?\d{1,3}\s*[:.]?$", re.IGNORECASE)
_VIDEO_LABEL = re.compile(r"^(?:nguồn video|video|clip|xem video|source video|infographics?|podcast|audio)\s*:\s*\S",
                          re.IGNORECASE)


def _after_announcement(blocks: list[Block], i: int) -> bool:
    """Whether the kept line before ``blocks[i]`` is prose that ends with a colon and holds at least
    four tokens ("Hồ sơ nộp trực tuyến tại địa chỉ:"): what follows is the content it announces
    (a short cue such as "Xem thêm:" announces links)."""
    for j in range(i - 1, -1, -1):
        b = blocks[j]
        if b.status == KEPT and b.text.strip():
            return b.text.rstrip().endswith(":") and words_over(b, 3)
    return False


class MediaFilter(BaseFilter):
    """Image lines, markdown images and links, placeholders, table pipes, multimedia links."""

    id = "media.v1"

    def __init__(self, max_words: int = 6, max_link_words: int = 40) -> None:
        super().__init__(max_words=max_words, max_link_words=max_link_words)
        self.max_words = max_words
        self.max_link_words = max_link_words
        self._memos: dict[str, dict[str, tuple[str, str] | tuple[()]]] = {}

    def apply(self, doc: Document) -> None:
        lex = self.lexicon(doc)
        max_words = self.max_words
        memo = self._memos.get(lex.lang)
        if memo is None:
            memo = self._memos[lex.lang] = {}
        blocks = doc.blocks
        for i, b in enumerate(blocks):
            if b.status != KEPT:
                continue
            s, _, n, _ = b.cache.get("P") or profile(b)
            if not s:
                continue
            c0 = s[0]
            if c0 in "hHwW" and n == 1 and _URL_LINE.match(s) and _after_announcement(blocks, i):
                continue  # "Thông tin chi tiết tại địa chỉ:" then the address: content
            if n <= 3 and s[-1] in "0123456789:." and _IMAGE_NUMBER.match(s):
                doc.remove(b, f"{self.id}/image-number", IMAGE)
                continue
            # Fast path: most prose lines start with a letter and hold none of the markers. (An
            # image file line ends in ".ext" and has at most max_words words.) Nor can any rule but
            # the placeholder one fire on a line that starts with none of "!", "[" or a URL's first
            # letter (h, w: see tests), holds no pipe, and holds no period or more than max_words
            # words. A placeholder line starts and ends with one of its characters.
            if (":" not in s or ":" not in s[:20]) and (
                    (c0 not in "![hHwW" and "|" not in s and ("." not in s or n > max_words))
                    or (c0 not in "![|<h" and "|" not in s[-2:] and ("." not in s[-6:] or n > max_words))):
                if c0 in _PLACEHOLDER_FIRST and s[-1] in _PLACEHOLDER_FIRST and _PLACEHOLDER.match(s):
                    self._placeholder(doc, b, s)
                continue
            # A line past the fast path (mostly page furniture, which sites repeat) is decided by
            # the rules below once per distinct text of at most _MEMO_WORDS tokens: the decision
            # depends on the stripped text alone (its token count is the line's).
            if n <= _MEMO_WORDS:
                got = memo.get(s)
                if got is not None:
                    if got:
                        doc.remove(b, got[0], got[1])
                    continue
                got = self._slow(doc, b, s, c0, lex)
                if got is not None:
                    remember(memo, s, got, _MEMO_SIZE)
            else:
                self._slow(doc, b, s, c0, lex)

    def _slow(self, doc: Document, b: Block, s: str, c0: str, lex: Lexicon) -> tuple[str, str] | tuple[()] | None:
        """The rules, on a line the fast path let through (``s`` its stripped text, ``c0`` the first
        character). The decision to remember for that text: ``(rule, kind)`` when the line was
        removed as it was, ``()`` when nothing was done; None after an edit (a markdown image cut
        off, table pipes), which depends on the line's surrounding white space."""
        if c0 in _PLACEHOLDER_FIRST and s[-1] in _PLACEHOLDER_FIRST and _PLACEHOLDER.match(s):
            return self._placeholder(doc, b, s)
        if c0 == "!" and _MD_IMAGE.match(s):
            rest = _MD_IMAGE.sub("", s).strip(" |")
            if not rest:
                alt = s[2:].lstrip()
                kind = MEDIA if _TAG.match(alt) and norm_key(_TAG.match(alt).group(1)) in lex.media_tags else IMAGE
                return self._remove(doc, b, f"{self.id}/markdown-image", kind)
            m = _MD_IMAGE.match(b.text.lstrip())
            lead = len(b.text) - len(b.text.lstrip())
            if m:
                doc.edit(b, lead, lead + m.end(), "", f"{self.id}/markdown-image", kind=IMAGE)
                # The checks below see the line as the cut left it (with c0 still "!").
                self._rest(doc, b, stripped(b), c0, lex)
                return None
        return self._rest(doc, b, s, c0, lex)

    def _rest(self, doc: Document, b: Block, s: str, c0: str, lex: Lexicon) -> tuple[str, str] | tuple[()] | None:
        """The rules after the markdown-image one (see :meth:`_slow`)."""
        if s[:1] in "hHwW" and _URL_LINE.match(s):
            kind = IMAGE if _URL_IMAGE.search(s) else LINK
            return self._remove(doc, b, f"{self.id}/url", kind)
        if "." in s and not words_over(b, self.max_words) and _IMAGE_LINE.match(s):
            return self._remove(doc, b, f"{self.id}/image-file", IMAGE)
        if c0 == "[":
            if _MD_LINK_LINE.match(s):
                return self._remove(doc, b, f"{self.id}/markdown-link", LINK)
            m = _TAG.match(s)
            if m and norm_key(m.group(1)) in lex.media_tags and not words_over(b, self.max_link_words):
                return self._remove(doc, b, f"{self.id}/media-link", MEDIA)
        if ":" in s[:20] and _BARE_LABEL.match(s):
            return self._remove(doc, b, f"{self.id}/bare-label", MEDIA)
        if ":" in s[:20] and _VIDEO_LABEL.match(s) and not words_over(b, self.max_link_words) and s[-1] not in ".…":
            return self._remove(doc, b, f"{self.id}/video-label", MEDIA)
        if "|" in s:
            doc.edit_many(b, [(m.start(), m.end(), "") for m in _PIPES.finditer(b.text)], f"{self.id}/table-pipe",
                          kind=MARKUP)
            return None
        return ()

    def _placeholder(self, doc: Document, b: Block, s: str) -> tuple[str, str]:
        """An empty image (``![]()``, ``[]()``) or a line of layout punctuation (``|``, ``***``)."""
        kind = IMAGE if ("!" in s or "[]" in s or "()" in s) else MARKUP
        return self._remove(doc, b, f"{self.id}/placeholder", kind)

    @staticmethod
    def _remove(doc: Document, b: Block, rule: str, kind: str) -> tuple[str, str]:
        doc.remove(b, rule, kind)
        return rule, kind
