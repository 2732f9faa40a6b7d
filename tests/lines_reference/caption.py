"""Reference copy (main at 2551ac7, see the package docstring). caption.v1: image captions and photo credits, moved to ``captions`` (or kept, or dropped).

Finds whole lines that are:
- a caption ending with a credit: "... Ảnh: Nguyễn Oanh-TTXVN", "... (Ảnh: laichau.gov.vn)",
  "Đồ họa: ...", or a credit alone;
- "Ảnh minh họa" and its variants alone on a line;
- an uncredited caption directly under an image line (no blank line between, at most
  ``max_words`` tokens and ``max_sentences`` sentences), as in "quang cảnh 2.jpg / Quang cảnh hội nghị.";
- a short headline-shaped line sitting directly on an empty figure placeholder (a line of no-break
  spaces that the scraper left where the image was).

``mode``: ``move`` (default) appends the caption to ``captions``; ``keep`` leaves it in the text;
``drop`` removes it.

Why: captions describe pictures the text no longer has; mixed into prose they break its flow.
False-positive risks: a short body paragraph (one sentence, or ``max_sentences`` within ``max_words``) that ends with
"Ảnh: <name>" is taken as a caption (that is what the label means; longer paragraphs that end with a
credit are left to inline.v1, which cuts only the last sentence); a one-sentence paragraph directly
under an image line with no blank line between is taken as its caption; a short subheading followed
by a spacer line of no-break spaces is taken as a caption.
"""

from __future__ import annotations

import re

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import CAPTION, IMAGE, WHITESPACE, BaseFilter
from cleancorpus.filters.caption import _sentence_credit, caption_above
from cleancorpus.lexicon import Lexicon
from tests.lines_reference.segment import is_titlelike, key, norm_key, stripped, words

_SENT_END = re.compile(r"[.!?…](?:\s|$)")
_ILLUSTRATIVE = re.compile(r"^\(?\s*(?:ảnh|hình)\s+(?:minh\s+họa|minh\s+hoạ|tư\s+liệu)\s*\)?\.?$", re.IGNORECASE)
#: "Bài và ảnh: X" names the author, not a photo credit.
_AUTHOR_LABEL_BEFORE = re.compile(r"(?:^|\s)(?:bài|tin)\s*(?:và|,|&)\s*$", re.IGNORECASE)
#: "Mời độc giả xem video: X" invites to a player (a teaser, related.v1's), it credits nothing.
_INVITE_BEFORE = re.compile(r"(?:^|\s)(?:xem|mời|theo dõi)\s*$", re.IGNORECASE)
MODES = ("move", "keep", "drop")


class CaptionFilter(BaseFilter):
    """Credited captions, illustrative-photo notes, captions under images and on placeholders."""

    id = "caption.v1"

    def __init__(self, mode: str = "move", max_words: int = 40, max_sentences: int = 2,
                 max_credit_words: int = 8, max_caption_words: int = 80) -> None:
        if mode not in MODES:
            raise ValueError(f"caption mode must be one of {', '.join(MODES)}, not {mode!r}")
        super().__init__(mode=mode, max_words=max_words, max_sentences=max_sentences,
                         max_credit_words=max_credit_words, max_caption_words=max_caption_words)
        self.mode = mode
        self.max_words = max_words
        self.max_sentences = max_sentences
        self.max_credit_words = max_credit_words
        self.max_caption_words = max_caption_words
        self._credit_rx: dict[str, tuple[tuple[str, ...], re.Pattern[str]]] = {}

    def _credit(self, lex: Lexicon) -> tuple[tuple[str, ...], re.Pattern[str]]:
        got = self._credit_rx.get(lex.lang)
        if got is None:
            alt = "|".join(re.escape(label) for label in lex.credit_labels)
            rx = re.compile(
                rf"(?:^|(?<=[\s(.,;–—-]))\(?\s*(?:{alt})\s*:\s*(?P<credit>[^():;!?\n]{{1,120}}?)\s*\)?\s*\.?\s*$",
                re.IGNORECASE,
            )
            got = self._credit_rx[lex.lang] = (tuple(norm_key(label) for label in lex.credit_labels), rx)
        return got

    def apply(self, doc: Document) -> None:
        if self.mode == "keep":
            return
        lex = self.lexicon(doc)
        labels, rx = self._credit(lex)
        # Deliberate change after 3309710: an illustrative note in parentheses ending a short caption.
        alts = "|".join(r"\s+".join(re.escape(w) for w in x.split()) for x in lex.illustrative) or "(?!)"
        self._note_end = re.compile(rf"\(\s*(?:{alts})\s*\)\.?$", re.IGNORECASE)
        has_gaps = any(b.gap_before for b in doc.blocks[1:])
        blocks = doc.blocks
        first_live = True
        for i, b in enumerate(blocks):
            if b.status != "kept":
                continue
            is_first, first_live = first_live, False
            why = self._why(b, i, blocks, labels, rx, has_gaps, is_first)
            # Deliberate change after 3309710: a credit alone under its caption line takes it along.
            above = caption_above(blocks, i, rx, self.max_words // 2) if why == "credit" else None
            if above is not None:
                if self.mode == "move":
                    doc.move(above, "captions", f"{self.id}/credit-below", CAPTION,
                             value=f"{stripped(above)} {stripped(b)}")
                else:
                    doc.remove(above, f"{self.id}/credit-below", CAPTION)
                doc.remove(b, f"{self.id}/credit-below", CAPTION)
                continue
            if why:
                if self.mode == "move":
                    doc.move(b, "captions", f"{self.id}/{why}", CAPTION)
                else:
                    doc.remove(b, f"{self.id}/{why}", CAPTION)

    def _short_caption(self, before: str, n: int) -> bool:
        """A whole line is a caption when the text before its credit is one sentence, or at most
        ``max_sentences`` sentences within ``max_words`` words; a longer paragraph that ends with a
        credit is prose with a caption merged into it (inline.v1 cuts the last sentence only)."""
        ends = len(_SENT_END.findall(before.rstrip(" .-–—")))
        return ends == 0 or (ends < self.max_sentences and n <= self.max_words)

    def _why(self, b: Block, i: int, blocks: list[Block], labels: tuple[str, ...], rx: re.Pattern[str],
             has_gaps: bool, is_first: bool) -> str | None:
        n = words(b)
        s = stripped(b)
        if ":" in s and n <= self.max_caption_words:
            k = key(b)
            if any(label in k for label in labels):
                m = rx.search(s)
                if (m and len(m.group("credit").split()) <= self.max_credit_words
                        and not _sentence_credit(m.group("credit"))  # deliberate change after 3309710
                        and not _AUTHOR_LABEL_BEFORE.search(s[: m.start()])
                        and not _INVITE_BEFORE.search(s[: m.start()])  # deliberate change after 3309710
                        and self._short_caption(s[: m.start()], n)):
                    return "credit"
        if n <= 5 and _ILLUSTRATIVE.match(s):
            return "illustrative"
        m = self._note_end.search(s)  # deliberate change after 3309710 (see apply)
        if m and m.start() > 0 and n <= self.max_words and self._short_caption(s[: m.start()], n):
            return "illustrative"
        prev = _neighbour(blocks, i, -1)
        if prev is not None and prev.status != "kept" and prev.kind == IMAGE:
            sentences = len(_SENT_END.findall(s))
            if has_gaps:
                # Layout tells: a caption hugs its image, paragraphs are blank-separated.
                if not b.gap_before and n <= self.max_words and sentences <= self.max_sentences:
                    return "under-image"
            elif n <= self.max_words // 2 and sentences <= 1:
                # No blank lines anywhere: only a short single sentence is taken.
                return "under-image"
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (not is_first and nxt is not None and nxt.kind == WHITESPACE and not nxt.gap_before
                and n <= 20 and is_titlelike(b)):
            return "on-placeholder"
        return None


def _neighbour(blocks: list[Block], i: int, step: int) -> Block | None:
    """The nearest block before (step -1) or after (+1) ``i`` that is not a removed blank line."""
    j = i + step
    while 0 <= j < len(blocks):
        if blocks[j].kind != WHITESPACE:
            return blocks[j]
        j += step
    return None
