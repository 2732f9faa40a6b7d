"""caption.v1: image captions and photo credits, moved to ``captions`` (or kept, or dropped).

Finds whole lines that are:
- a caption ending with a credit: "... Ảnh: Nguyễn Oanh-TTXVN", "... (Ảnh: laichau.gov.vn)",
  "Đồ họa: ...", or a credit alone;
- "Ảnh minh họa" and its variants alone on a line, or in parentheses at the end of a short caption
  ("Phối cảnh dự án. (Ảnh minh họa)": one sentence, or as for a credit);
- a caption on one line with its credit alone on the next ("Tiến Linh ăn mừng bàn thắng" /
  "ẢNH: MINH TÚ"): the line above a credit-only line, when it is short and shaped like a headline,
  goes with it (rule ``credit-below``);
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

Pre-checks (they skip work, never a line a rule could take): every rule caps the tokens of a line,
so a line longer than the largest cap is passed over; so is a line with no colon, that does not
start with "(" or a letter an illustrative note can start with (``_ILLUSTRATIVE_FIRST``) or holds
more than the five tokens such a note may have, that does not end with ")" or ")." (where a
parenthesised note ends), that does not follow a removed line and is not followed by a removed
blank line: it can match no rule. Both
take no more than a look at the line's profile. On a line with a colon, the credit pattern is
only searched when the text after the last colon is short enough for a credit and a credit label,
case-folded, ends the text before it (:class:`_CreditRule`), and then from near that colon.

Memo: whether a line that passes those credit pre-checks is a credited caption (mostly credits,
which a site repeats) is remembered per stripped text and language (at most 2^15 texts per
language, on the filter's credit rule): the decision reads the text alone. The rules on neighbours
(under an image, on a placeholder) are not remembered.
"""

from __future__ import annotations

import re

from cleancorpus.document import KEPT, Block, Document
from cleancorpus.filters.base import CAPTION, IMAGE, WHITESPACE, BaseFilter
from cleancorpus.lexicon import Lexicon
from cleancorpus.memo import remember
from cleancorpus.segment import is_titlelike, key, norm_key, profile, stripped, words_over

_SENT_END = re.compile(r"[.!?…](?:\s|$)")
_ILLUSTRATIVE = re.compile(r"^\(?\s*(?:ảnh|hình)\s+(?:minh\s+họa|minh\s+hoạ|tư\s+liệu)\s*\)?\.?$", re.IGNORECASE)
#: The characters an illustrative note starts with: "(" and what "ả" and "h" match ignoring case.
_ILLUSTRATIVE_FIRST = "(ảẢhH"
#: Characters that match a label character ignoring case although their case folding differs
#: (Turkish dotted and dotless i against "i"; see tests).
_CASE_EXTRA = "İı"
#: "Bài và ảnh: X" names the author, not a photo credit.
_AUTHOR_LABEL_BEFORE = re.compile(r"(?:^|\s)(?:bài|tin)\s*(?:và|,|&)\s*$", re.IGNORECASE)
#: "Mời độc giả xem video: X" invites to a player (a teaser, related.v1's), it credits nothing.
_INVITE_BEFORE = re.compile(r"(?:^|\s)(?:xem|mời|theo dõi)\s*$", re.IGNORECASE)
#: How a line that ends with a parenthesised note ends.
_NOTE_ENDS = (")", ").")
MODES = ("move", "keep", "drop")
#: At most this many credit decisions are remembered per language (see ``_is_credit``).
_MEMO_SIZE = 1 << 15


def _sentence_credit(credit: str) -> bool:
    """A "credit" that is a clause of prose ("Ảnh: bà vẫn giữ cẩn thận trong tủ kính."): it starts
    with a lower-case letter and runs to four or more words (credits are names, outlets, or a short
    lower-case source such as "internet", "tư liệu")."""
    return credit[:1].islower() and len(credit.split()) >= 4


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
        self._credits: dict[str, _CreditRule] = {}
        self._notes: dict[str, re.Pattern[str]] = {}

    def _credit(self, lex: Lexicon) -> _CreditRule:
        rule = self._credits.get(lex.lang)
        if rule is None:
            rule = self._credits[lex.lang] = _CreditRule(lex.credit_labels)
        return rule

    def _note_end(self, lex: Lexicon) -> re.Pattern[str]:
        """An illustrative note in parentheses ending a line: "... (Ảnh minh họa)"."""
        rx = self._notes.get(lex.lang)
        if rx is None:
            alts = "|".join(r"\s+".join(re.escape(w) for w in x.split()) for x in lex.illustrative) or "(?!)"
            rx = self._notes[lex.lang] = re.compile(rf"\(\s*(?:{alts})\s*\)\.?$", re.IGNORECASE)
        return rx

    def apply(self, doc: Document) -> None:
        if self.mode == "keep":
            return
        lex = self.lexicon(doc)
        rule = self._credit(lex)
        note_end = self._note_end(lex)
        has_gaps = any(b.gap_before for b in doc.blocks[1:])
        blocks = doc.blocks
        last = len(blocks) - 1
        # Every rule caps the tokens of a line (credit, illustrative note, under an image, on a
        # placeholder): a longer line is no caption.
        longest = max(self.max_caption_words, 5, self.max_words, self.max_words // 2, 20)
        first_live = True
        for i, b in enumerate(blocks):
            if b.status != KEPT:
                continue
            is_first, first_live = first_live, False
            # Pre-check (see the module docstring): too long for any rule, or no colon, not after a
            # removed line, not before a removed blank line, and not an illustrative note (at most
            # five tokens, starting like "(Ảnh minh họa").
            s, _, n, _ = b.cache.get("P") or profile(b)
            if n > longest or (":" not in s and (n > 5 or s[:1] not in _ILLUSTRATIVE_FIRST)
                               and not s.endswith(_NOTE_ENDS)
                               and (i == 0 or blocks[i - 1].kind is None)
                               and (i == last or blocks[i + 1].kind != WHITESPACE)):
                continue
            why = self._why(b, i, blocks, rule, has_gaps, is_first, note_end)
            if why:
                above = caption_above(blocks, i, rule.rx, self.max_words // 2) if why == "credit" else None
                if above is not None:  # "Tiến Linh ăn mừng bàn thắng" / "ẢNH: MINH TÚ"
                    self._take(doc, above, f"{self.id}/credit-below",
                               f"{stripped(above)} {stripped(b)}")
                    doc.remove(b, f"{self.id}/credit-below", CAPTION)
                    continue
                self._take(doc, b, f"{self.id}/{why}")

    def _take(self, doc: Document, b: Block, rule: str, value: str | None = None) -> None:
        if self.mode == "move":
            doc.move(b, "captions", rule, CAPTION, value=value)
        else:
            doc.remove(b, rule, CAPTION)

    def _short_caption(self, before: str, over: bool) -> bool:
        """A whole line is a caption when the text before its credit is one sentence, or at most
        ``max_sentences`` sentences within ``max_words`` words (``over``: the line has more); a longer
        paragraph that ends with a credit is prose with a caption merged into it (inline.v1 cuts the
        last sentence only)."""
        ends = len(_SENT_END.findall(before.rstrip(" .-–—")))
        return ends == 0 or (ends < self.max_sentences and not over)

    def _is_credit(self, b: Block, s: str, rule: _CreditRule) -> bool:
        """Whether the line is a credited caption: the credit pattern matches it (a label, a colon,
        the credit at the end), the credit and the text before it are short, and no "Bài và"
        precedes the label (see :class:`_CreditRule` for the pre-checks).

        A line that passes the pre-checks (a short text after its last colon, a label before it:
        mostly credits, which sites repeat) is decided once per stripped text and language (the
        decision reads the text alone: its tokens and its key are the line's)."""
        memo = rule.memo
        got = memo.get(s)
        if got is not None:
            return got
        colon = s.rfind(":")
        most = max(self.max_credit_words, 0) + 2
        if len(s[colon + 1:].split(None, most)) > most:
            return False
        start = rule.start(s, colon)
        if start is None:
            return False
        return remember(memo, s, self._credit_decision(b, s, rule.rx.search(s, start), rule), _MEMO_SIZE)

    def _credit_decision(self, b: Block, s: str, m: re.Match[str] | None, rule: _CreditRule) -> bool:
        """:meth:`_is_credit` after the pre-checks, ``m`` the credit pattern's match."""
        if m is None or words_over(b, self.max_caption_words):
            return False
        k = key(b)
        return bool(any(label in k for label in rule.keys)
                    and len(m.group("credit").split()) <= self.max_credit_words
                    and not _sentence_credit(m.group("credit"))
                    and not _AUTHOR_LABEL_BEFORE.search(s[: m.start()])
                    and not _INVITE_BEFORE.search(s[: m.start()])
                    and self._short_caption(s[: m.start()], words_over(b, self.max_words)))

    def _why(self, b: Block, i: int, blocks: list[Block], rule: _CreditRule, has_gaps: bool,
             is_first: bool, note_end: re.Pattern[str]) -> str | None:
        s = stripped(b)
        if ":" in s and self._is_credit(b, s, rule):
            return "credit"
        if s[:1] in _ILLUSTRATIVE_FIRST and _ILLUSTRATIVE.match(s) and not words_over(b, 5):
            return "illustrative"
        if s[-1:] in ").":
            m = note_end.search(s)
            over = words_over(b, self.max_words)
            if m is not None and m.start() > 0 and not over and self._short_caption(s[: m.start()], over):
                return "illustrative"
        prev = _neighbour(blocks, i, -1)
        if prev is not None and prev.status != "kept" and prev.kind == IMAGE:
            sentences = len(_SENT_END.findall(s))
            if has_gaps:
                # Layout tells: a caption hugs its image, paragraphs are blank-separated.
                if not b.gap_before and not words_over(b, self.max_words) and sentences <= self.max_sentences:
                    return "under-image"
            elif not words_over(b, self.max_words // 2) and sentences <= 1:
                # No blank lines anywhere: only a short single sentence is taken.
                return "under-image"
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if (not is_first and nxt is not None and nxt.kind == WHITESPACE and not nxt.gap_before
                and not words_over(b, 20) and is_titlelike(b)):
            return "on-placeholder"
        return None


class _CreditRule:
    """The credit pattern of a lexicon's labels, and the pre-checks that spare most lines a search.

    The pattern is a label, a colon and a credit of at most 120 characters (no colon in it) at the
    end of the line, matched ignoring case. Its colon is thus the line's last colon, and the label
    ends where the text before that colon ends (less whitespace). Before any search:

    - the label must end the ``width`` characters there, case-folded (the pattern matches a label
      one character for one, and every character that matches a label character ignoring case
      folds like it, but for the Turkish dotted and dotless i: a window holding one is searched);
    - only whitespace and an opening bracket may precede the label within a match, so the
      earliest start of a match is the start of the longest label, moved back over whitespace and
      an opening bracket: the search starts there instead of trying every position of a long line
      (look-behind still sees the text before the start position).
    """

    def __init__(self, labels: tuple[str, ...]) -> None:
        alt = "|".join(re.escape(label) for label in labels)
        self.rx = re.compile(
            rf"(?:^|(?<=[\s(.,;–—-]))\(?\s*(?:{alt})\s*:\s*(?P<credit>[^():;!?\n]{{1,120}}?)\s*\)?\s*\.?\s*$",
            re.IGNORECASE,
        )
        #: Keys of the labels: a credited line's key holds one.
        self.keys = tuple(norm_key(label) for label in labels)
        self.folded = tuple(label.casefold() for label in labels)
        self.width = max((len(label) for label in labels), default=0)
        #: The decisions of :meth:`CaptionFilter._is_credit` by stripped text (the rule belongs to
        #: one filter, whose parameters they depend on).
        self.memo: dict[str, bool] = {}

    def start(self, s: str, colon: int) -> int | None:
        """Where ``self.rx`` may first match in ``s`` (whose last colon is at ``colon``): searching
        from there finds what ``self.rx.search(s)`` finds. None when no label ends before that
        colon, and the pattern cannot match."""
        label_end = len(s[:colon].rstrip())
        window = s[max(label_end - self.width, 0):label_end]
        if not window.casefold().endswith(self.folded) and not any(c in window for c in _CASE_EXTRA):
            return None
        # The earliest start: the longest label's, moved back over whitespace and an opening bracket.
        start = max(label_end - self.width, 0)
        while start > 0 and s[start - 1].isspace():
            start -= 1
        if start > 0 and s[start - 1] == "(":
            start -= 1
        return start


def caption_above(blocks: list[Block], i: int, credit_rx: re.Pattern[str], max_words: int) -> Block | None:
    """The caption a credit-only line ("ẢNH: MINH TÚ") closes, when the layout put it on the line
    above: that line is kept, directly above (no line between, a blank one at most), not the first
    kept line, shaped like a headline (no sentence end) and of at most ``max_words`` tokens."""
    m = credit_rx.search(stripped(blocks[i]))
    if m is None or m.start() > 0:
        return None
    prev = _neighbour(blocks, i, -1)
    if prev is None or prev.status != KEPT or not is_titlelike(prev) or words_over(prev, max_words):
        return None
    if not any(b.status == KEPT for b in blocks[:prev.index]):
        return None  # the first kept line: the title
    return prev


def _neighbour(blocks: list[Block], i: int, step: int) -> Block | None:
    """The nearest block before (step -1) or after (+1) ``i`` that is not a removed blank line."""
    j = i + step
    while 0 <= j < len(blocks):
        if blocks[j].kind != WHITESPACE:
            return blocks[j]
        j += step
    return None
