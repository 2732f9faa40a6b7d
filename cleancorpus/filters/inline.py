"""inline.v1: noise that a scraper merged INTO paragraphs: captions, credits, signatures, link lists.

Some scrapers flatten a page into one long line per paragraph (or one line for the whole body), so
captions, bylines and related links end up inside prose. This filter cuts them out at sentence
level with :meth:`Document.edit` (a partial removal recorded in the trace), leaving the prose around
them intact:

- **Inline captions** (rule ``caption``): a credit anchor ``(Ảnh: AP)``, ``Ảnh: Reuters.``,
  ``(Nguồn: TTXVN)``, ``Nguồn ảnh: X``, ``(Ảnh minh họa)`` or ``Ảnh minh họa.`` inside a paragraph,
  together with the caption sentence it closes (the text since the previous sentence end, at most
  ``max_caption_words`` words; when longer only the credit goes, and so when the sentence goes on
  after a parenthesised credit: "... (Ảnh: X), nhưng ..."). A bare credit (``Ảnh: X``) ends
  at its own period, before a word that opens a sentence (``rules/<lang>/sentence_starts.txt``) or
  before a capitalised word followed by a lower-case one; when no end is found within
  ``max_credit_words`` tokens nothing is cut. With ``captions="move"`` the caption goes to
  ``captions``; ``drop`` removes it; ``keep`` leaves it.
- **Related tail** (rule ``related-tail``, kind ``related``): a related-box cue (``Tin liên quan``,
  ``Xem thêm:``, ``>>>``) inside the last paragraph followed by headline text up to the end with no
  sentence break.
- **Trailing pieces** of the last paragraph, after its last sentence end: signatures (``Văn Tân``,
  ``Theo Ngọc Lan (Khám phá)``, ``Hoàng Yến/VOV.VN``, ``N.LIÊM - X.TRƯỜNG``, ``Xú - Thể thao Việt
  Nam | 15:40 06/02/2017``) into ``author``/``agency``; interface strings (``Bấm xem >>``,
  ``(tiếp tục cập nhật)``) as ``ui``; ``Video: <title>`` / ``Nguồn video: X`` as ``media``.
- **Teaser links** (rule ``teaser-link``, kind ``related``): ``Xem thêm: <title>`` inside a
  paragraph, up to the capitalised word that opens the next sentence.
- **Repeated title** (rule ``repeated-title``, kind ``duplicate``): the headline printed again as a
  sentence inside a paragraph.
- **Repeated lead** (rule ``repeated-lead``, kind ``duplicate``, off by default): the first body
  paragraph printed again as the last paragraph, or again at the end of the last paragraph.

Why: captions and credits break the flow of the prose; signatures and link lists are page furniture.
False-positive risks: a prose sentence that ends with a photo credit ("... Ảnh: X") is taken as the
caption it usually is; a prose sentence that lacks its final period and sits right before a caption
becomes part of the caption span when both together stay within ``max_caption_words``. A last
paragraph whose final sentence lacks its period and is made only of capitalised words (a name list,
a title-case slogan) is taken as a signature. Cue words inside prose ("xem thêm", "Theo Bộ Y tế, ...")
never match: cues must be capitalised and followed by headline text to the end of the paragraph.

Speed: almost no paragraph holds any of this, so cheap pre-checks decide which paragraphs the
rules read at all. Each skips only what the rule provably leaves unchanged, so the output is the
same as without them (``prechecks = False`` turns them all off; the tests compare both on random
paragraphs, the case tables and the seeds). The kept paragraphs are joined by line breaks once;
each document-level pre-check looks for one literal character in that text, with ``str.find``
(rare characters: the rest of the pre-check is tried where it occurs) or with a regex that starts
with it (frequent ones: the regex engine finds a literal first character at C speed). A document
where none holds, the usual case, costs one C call per pre-check; otherwise the hits are mapped
back to their paragraphs:

- captions: a parenthesised credit (``(`` and the anchor's own ``(...)`` alternative); a colon right
  after a credit label, or after a space (a bare credit ``Ảnh: X`` needs a colon after its label);
  an upper-case letter followed by the rest of an illustrative note or a one-word label
  (``Ảnh minh họa``, ``Ảnh TTXVN``, ``Video REUTERS``): every anchor but the parenthesised one is
  only taken when it starts with an upper-case letter, and ``_upper_forms`` lists exactly the
  upper-case letters re.IGNORECASE equates with a label's first letter (a test checks every
  character). Labels are factored into prefix trees and colon look-behinds into suffix trees, so
  that the engine tries a few branches per hit.
- teaser links: a colon right after a cue or a space, ``>`` or ``»``: a teaser cue ends with a
  colon or starts with one of those.
- repeated title: the title's longest piece without quotes (which any repeat contains) must occur.
- the trailing pieces of the last paragraph (read within the last 200 to 1,440 characters): every
  interface string holds ``(`` or ``>>``; the ``| 04:43 17/05/2017`` signature holds ``|``; an
  initials signature ends with a letter; after a final sentence end (``.``, ``!``, ``?``, ``…``,
  not ``./.``) no trailing piece is a signature or a video line; a related tail does not end with
  ``.``, ``;`` or ``,`` and needs a cue form (searched as a prefix tree before the slower cue
  pattern), and a teaser link needs one of the teaser pre-checks above.

The pre-checks run again on the current text after an edit. The cuts in one paragraph are
applied in one pass (:meth:`Document.edit_spans`) and the tests on the rest of a paragraph read no
further than they need, so a 10 MB paragraph with thousands of captions costs linear time.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from typing import Any

from cleancorpus.document import KEPT, Block, Change, Document
from cleancorpus.filters.base import AGENCY, AUTHOR, CAPTION, DUPLICATE, MEDIA, RELATED, UI, BaseFilter
from cleancorpus.lexicon import Lexicon
from cleancorpus.patterns import alternation, ends_with
from cleancorpus.segment import norm_key

MODES = ("move", "keep", "drop")
#: A sentence end inside a paragraph: terminal punctuation, closing quotes or brackets, a space.
_BOUNDARY = re.compile(r"(?:\./\.|[.!?…])[\"'”’»)\]]*\s+")
#: The same, also counting a colon or semicolon (a tail after "bảng sau: Hà Ánh" is a signature).
_TAIL_BOUNDARY = re.compile(r"(?:\./\.|[.!?…:;])[\"'”’»)\]]*\s+")
_TOKEN = re.compile(r"\S+")
#: "<Name> - <Outlet> | 04:43 17/05/2017" at the very end of a paragraph.
_STAMP_SIG = re.compile(r"(?P<name>(?:\S+ ){1,4}?)[-–—] (?P<outlet>[^|\-–—]{2,40}?) \| \d{1,2}:\d{2} "
                        r"\d{1,2}/\d{1,2}/\d{4}\s*$")
#: Initials only, with a dot between letters: "Q.D", "T.T", "N.LIÊM", "V.Đồng".
_STRICT_INITIALS = re.compile(r"^(?:[A-ZĐ]\.){1,3}[A-ZĐÀ-Ỹ][A-Za-zĐđÀ-ỹ]*$")
_QUOTES = ("“", "”", "‘", "’", "'", "«", "»")
#: "Thực hiện: X", "Video: Y" inside a would-be caption: a credit block, not a caption sentence.
_LABEL_IN_TEXT = re.compile(r"\w:\s")
_OPENERS = "\"'“‘«([*•>"
_PAREN = re.compile(r"\(([^()]{0,80})\)")
_TIME = re.compile(r"^\d{1,2}[:hg]\d{2}$|^\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?$")
_INITIALS = re.compile(r"^(?:[A-ZĐÀ-Ỹ]{1,3}\.)+[A-ZĐÀ-Ỹ]?[\wÀ-ỹ]*\.?$")
_NAMEISH = re.compile(r"^[A-ZĐÀ-ỸÁ-Ý][\wÀ-ỹ'’.-]*$")
_SEPARATORS = frozenset({"-", "–", "—", "|", "/", "&", "+", ",", "và", "and"})
_TITLE_LABELS = frozenset({"video", "clip", "xem video", "watch", "video credit"})
_VIDEO_LABELS = ("video:", "clip:", "xem video:", "nguồn video:", "xem clip:", "watch:", "video credit:")
_NON_SPACE = re.compile(r"\S")
_NOT_DASH_DOT = re.compile(r"[^ .\-–—]")
#: What a ">>" related tail must follow (the end of a sentence).
_TEASER_AFTER = frozenset({".", "!", "?", "…", "\"", "”", ")"})
_NONE: frozenset[int] = frozenset()
#: Upper-case letters that re.IGNORECASE equates with a letter they are not the upper or title case
#: of (İ and i, the Kelvin sign and k, ...): see :func:`_upper_forms` (a test checks the list is
#: complete for every character).
_ODD_UPPER = frozenset("I\u0130\u03f4\u1e9e\u2126\u212a\u212b")


class InlineFilter(BaseFilter):
    """Captions, credits, signatures and related links merged into paragraphs."""

    id = "inline.v1"

    def __init__(self, captions: str = "move", max_caption_words: int = 35, max_source_caption_words: int = 12,
                 max_credit_words: int = 6,
                 max_signature_words: int = 14, max_tail_words: int = 120, signature: bool = True,
                 related: bool = True, repeated_lead: bool = False, min_lead_words: int = 12,
                 repeated_title: bool = True, min_title_words: int = 6) -> None:
        if captions not in MODES:
            raise ValueError(f"caption mode must be one of {', '.join(MODES)}, not {captions!r}")
        super().__init__(captions=captions, max_caption_words=max_caption_words,
                         max_source_caption_words=max_source_caption_words, max_credit_words=max_credit_words,
                         max_signature_words=max_signature_words, max_tail_words=max_tail_words,
                         signature=signature, related=related, repeated_lead=repeated_lead,
                         min_lead_words=min_lead_words, repeated_title=repeated_title,
                         min_title_words=min_title_words)
        self.captions = captions
        self.max_caption_words = max_caption_words
        self.max_source_caption_words = max_source_caption_words
        self.max_credit_words = max_credit_words
        self.max_signature_words = max_signature_words
        self.max_tail_words = max_tail_words
        self.signature = signature
        self.related = related
        self.repeated_lead = repeated_lead
        self.min_lead_words = min_lead_words
        self.repeated_title = repeated_title
        self.min_title_words = min_title_words
        #: Document-level pre-checks on (see "Speed" in the module docstring); tests switch them
        #: off to check that the decisions are the same.
        self.prechecks = True
        self._rx: dict[str, dict[str, Any]] = {}

    # -- per-language patterns (built once per filter and language) ---------------------------
    def _patterns(self, lex: Lexicon) -> dict[str, Any]:
        got = self._rx.get(lex.lang)
        if got is not None:
            return got
        labels = sorted({*lex.credit_labels, *lex.source_labels}, key=len, reverse=True)
        lab = "|".join(re.escape(x) for x in labels)
        illus = "|".join(re.escape(x) for x in lex.illustrative) or r"(?!x)x"
        # one-word labels may credit without a colon: "Ảnh INTERNET", "Ảnh NGÔI SAO", "Ảnh TTXVN"
        one = "|".join(re.escape(x) for x in lex.credit_labels if " " not in x) or r"(?!x)x"
        paren = rf"\(\s*(?:(?:{lab})\s*:\s*[^()]{{1,80}}|(?:{illus})(?:\s*:\s*[^()]{{1,60}})?)\s*\)"
        anchor = re.compile(
            rf"(?P<paren>{paren})"
            rf"|(?P<illus>(?<![\w(])(?:{illus})(?![\w:]))"
            rf"|(?P<bare>(?<![\w/(])(?:{lab})\s*:\s*)"
            rf"|(?P<nocolon>(?<![\w/(])(?:{one})\s+(?=[^\W\d_]))",
            re.IGNORECASE)
        cues = sorted({*lex.related_cues, *(p.rstrip(": ") for p in lex.teaser_prefixes if p.rstrip(": "))},
                      key=len, reverse=True)
        # Headings are capitalised ("Tin liên quan", "TIN LIÊN QUAN"): a case-sensitive pattern of
        # both forms is much faster on long paragraphs than a case-insensitive one.
        forms = sorted({f for c in cues for f in (c[:1].upper() + c[1:], c.upper())}, key=len, reverse=True)
        cue = re.compile(r"(?:(?<=\s)|^)(?:" + "|".join(re.escape(c) for c in forms) + r")(?:\s*:)?(?=\s)")
        ui = [u for u in lex.ui_lines if u.startswith("(") or ">>" in u]
        # Two patterns, for the strings that start with "(" (found fast: a literal first character)
        # and for the others, which hold ">>"; they never match at the same place, so the earlier
        # match of the two is the one a single pattern of all the strings would find.
        ordered = sorted(ui, key=len, reverse=True)
        ui_rx = tuple(re.compile("|".join(re.escape(u) for u in group), re.IGNORECASE) if group else None
                      for group in ([u for u in ordered if u.startswith("(")],
                                    [u for u in ordered if not u.startswith("(")]))
        sources = tuple(norm_key(x) for x in lex.source_labels)
        # Labels that may stand for all the article's pictures ("Nguồn ảnh: X", "Ảnh minh họa"):
        # only a short sentence before them is taken as their caption.
        short = frozenset(x for x in sources if " " in x) | frozenset(norm_key(x) for x in lex.illustrative)
        # Document-level pre-checks (see "Speed" in the module docstring).
        colon_ends = [f.rstrip() if f.rstrip().endswith(":") else f + ":" for f in forms]
        # A colon right after a label or a cue (both end with it then), or after a space (then
        # the label or cue is further back): str.find finds the colons, a look-behind tree reads
        # back from each.
        colon = _Gate(":", re.compile(rf"(?:(?<=\s:)|(?i:{ends_with([x + ':' for x in labels])})"
                                      rf"|{ends_with(colon_ends)})"))
        # A parenthesised credit: "(" then the anchor's own alternative. And a capital letter that
        # an illustrative note or a one-word credit without a colon may start with, followed by
        # the rest of the label. The regex engine searches for "(" and the frequent ASCII
        # capitals with what must follow them (a pattern that starts with one literal character
        # is searched at C speed, one that starts with a choice of characters ten times slower,
        # hence one per letter); str.find finds a rarer capital (Ả, Đ), and the rest is tried there.
        firsts = "".join(sorted({re.escape(x[0]) for x in (*labels, *lex.illustrative) if x}))
        paren = _Gate("(", re.compile(rf"\(\s*(?=(?i:[{firsts}]))"  # one test before the branches
                                      rf"(?:(?i:{alternation(labels)})\s*:\s*[^()]{{1,80}}"
                                      rf"|(?i:{alternation(lex.illustrative)})(?:\s*:\s*[^()]{{1,60}})?)\s*\)"),
                      search=True)
        upper = [_Gate(u, re.compile(re.escape(u) + f"(?i:{alternation(rs)})"), search=True) if u.isascii()
                 else _Gate(u, re.compile(f"(?i:{alternation(rs)})"))
                 for u, rs in sorted(_upper_rests([*lex.illustrative,
                                                    *(x for x in lex.credit_labels if " " not in x)]).items())]
        arrows = [_Gate(">"), _Gate("»")]  # a teaser cue that starts with ">" or "»"
        gates = {"captions": (paren, colon, *upper), "teasers": (colon, *arrows)}
        gates["all"] = (*gates["teasers"], paren, *upper)
        got = {"anchor": anchor, "cue": cue, "cue_keys": tuple(c.casefold() for c in cues),
               # the forms alone, factored: a pre-check for ``cue`` (whose look-behind makes the
               # regex engine try every position) ten times faster
               "cue_any": re.compile(alternation(forms)),
               "ui": ui_rx, "pre": _prechecks(lex), "sources": sources,
               # all the interface strings in one pattern: what the split pair stands for
               "ui_all": re.compile("|".join(re.escape(u) for u in ordered) or r"(?!x)x", re.IGNORECASE),
               "short_labels": short, "gates": gates}
        self._rx[lex.lang] = got
        return got

    # -- driver ------------------------------------------------------------------------------
    def apply(self, doc: Document) -> None:
        # the kept blocks with visible text: blocks of white space alone hold nothing the rules read
        live = [b for b in doc.blocks if b.status == KEPT and b.text and not b.text.isspace()]
        if not live:
            return
        lex = self.lexicon(doc)
        pats = self._patterns(lex)
        title = None  # the title with plain quotes, and the piece of it a repeat must contain
        if self.repeated_title and doc.title:
            tt = _plain_quotes(doc.title.strip())
            if len(tt.split()) >= self.min_title_words:
                title = tt, max(tt.split('"'), key=len)[:24]
        joined = _Joined(live, doc) if self.prechecks else None
        # the usual case: no caption or teaser pre-check holds anywhere (one C call per gate)
        quiet = joined is not None and joined.quiet(pats["gates"]["all"])
        got = self._paragraphs(doc, live, lex, pats, joined, title, quiet)
        if got is None:
            return
        live, cued = got
        # trailing pieces of the last paragraph; when they empty it, the paragraph before it next
        for i in range(len(live) - 1, max(-1, len(live) - 4), -1):
            self._tails(doc, live[i], lex, pats, whole_line=i > 0, cues=cued is None or live[i] in cued)
            if live[i].text.strip():
                break

    def _paragraphs(self, doc: Document, live: list[Block], lex: Lexicon, pats: dict[str, Any],
                    joined: _Joined | None, title: tuple[str, str] | None,
                    quiet: bool = False) -> tuple[list[Block], list[Block] | None] | None:
        """Captions, the repeated title, teaser links and the repeated lead, in that order, in the
        paragraphs the pre-checks select (all of them without ``joined``; none while ``quiet``:
        no caption or teaser pre-check holds in ``joined``, and nothing was edited since). The
        paragraphs still holding text, and those of them where a teaser pre-check holds (None:
        unknown); None when no paragraph holds text any more."""
        gates = pats["gates"]
        records = len(doc.removed) + len(doc.fixes)
        if self.captions != "keep" and not quiet:
            todo = live if joined is None else joined.select(gates["captions"])
            for b in todo:
                self._captions(doc, b, lex, pats)
        if len(doc.removed) + len(doc.fixes) != records:  # a cut may leave only spaces
            live = _visible(live)
            if not live:
                return None
        records = len(doc.removed) + len(doc.fixes)
        if title is not None:
            tt, probe = title
            joined = _Joined.fresh(joined, live, doc)
            if joined is None or probe in joined.text:
                for b in live if joined is None else joined.containing(probe):
                    self._repeated_title(doc, b, tt, probe)
        if len(doc.removed) + len(doc.fixes) != records:
            live = _visible(live)
            if not live:
                return None
        quiet = quiet and len(doc.removed) + len(doc.fixes) == records
        if self.related and not quiet:
            todo = live[:-1]
            joined = _Joined.fresh(joined, live, doc)
            if joined is not None:
                todo = [b for b in joined.select(gates["teasers"]) if b is not live[-1]]
            for b in todo:
                self._inline_teaser(doc, b, lex, pats)
        if self.repeated_lead and len(live) >= 3 and self._repeated_lead(doc, live[0], live[-1]):
            live = _visible(live)
        if quiet and len(doc.removed) + len(doc.fixes) == records:
            return live, []
        joined = _Joined.fresh(joined, live, doc) if self.related else None
        return live, None if joined is None else joined.select(gates["teasers"])

    # -- captions ------------------------------------------------------------------------------
    def _captions(self, doc: Document, b: Block, lex: Lexicon, pats: dict[str, Any]) -> None:
        t = b.text
        k = t.casefold()
        if not any(p in k for p in pats["pre"]):
            return
        cuts: list[tuple[int, int, str, str, str]] = []  # (start, end, caption or "", rule, kind)
        floor = 0
        for m in _anchors(pats["anchor"], t, k, pats["pre"]):
            a_s = m.start()
            if a_s < floor:
                continue
            if m.group("paren"):
                a_e = m.end()
            elif m.group("illus"):
                if not t[a_s].isupper():
                    continue
                a_e = m.end()
                nxt = _NON_SPACE.search(t, a_e)
                if nxt is not None and t[nxt.start()].islower():
                    continue  # "Ảnh tư liệu cho thấy ...": the words are the sentence's subject
            elif m.group("nocolon"):
                if not t[a_s].isupper():
                    continue
                a_e = self._plain_credit_end(t, m.end(), lex)
                if a_e is None:
                    continue
            else:
                if not t[a_s].isupper():
                    continue  # "hình ảnh: ..." in prose
                label = norm_key(m.group("bare")).rstrip(": ")
                a_e = self._credit_end(t, m.end(), lex, strict=label in _TITLE_LABELS)
                if a_e is None:
                    continue
                if label in pats["sources"] and _NON_SPACE.search(t, a_e) is None:
                    continue  # a closing "Nguồn: X" is a source line: the signature step takes it
            cap_s, cap_text = self._caption_start(t, floor, a_s)
            if _only_parens_after(t, a_e) and parse_signature(t[cap_s:], lex) is not None:
                continue  # "Theo Vũ Nga - Ảnh ST (Khám phá)": a closing signature, not a caption
            label = _anchor_label(m.group())
            if ("video" in label or "clip" in label) and cap_text.lstrip().casefold().startswith(_VIDEO_LABELS) \
                    and len(cap_text.split()) <= self.max_caption_words:
                # "Video: <title> Nguồn video: X" merged into a paragraph: a video line, not a caption
                s, e = _swallow(t, cap_s, a_e)
                cuts.append((s, e, "", "video", MEDIA))
                floor = e
                continue
            # A source credit ("Nguồn ảnh: X") or an illustrative note may stand for the whole
            # article's pictures: only a short sentence before it is taken as its caption.
            limit = self.max_caption_words
            if m.group("illus") or _anchor_label(m.group()) in pats["short_labels"]:
                limit = self.max_source_caption_words
            if _LABEL_IN_TEXT.search(cap_text):
                limit = 0  # "Thực hiện: X Video: Y" is a signature, not a caption
            if cap_s < a_s and len(cap_text.split()) > limit:
                cap_s, cap_text = a_s, ""
            if cap_s < a_s and m.group("paren") and _continues(t, a_e):
                cap_s, cap_text = a_s, ""  # "... (Ảnh: X), nhưng ...": the sentence goes on, only the credit goes
            s, e = _swallow(t, cap_s, a_e)
            cuts.append((s, e, (t[cap_s:a_e].strip(" -–—") if cap_text else ""), "caption" if cap_text else "credit",
                         CAPTION))
            floor = e
        if not cuts:
            return
        if all(c[0] == 0 for c in cuts) and cuts[-1][1] >= len(t):
            # The whole line is captions: leave whole-line decisions to caption.v1.
            return
        # in reading order, each cut moved left by the ones before it: one pass over the block
        doc.edit_spans(b, [Change(s, e, "", f"{self.id}/{rule}", kind=kind,
                                  field="captions" if (cap and self.captions == "move") else None,
                                  value=cap or None)
                           for s, e, cap, rule, kind in cuts])

    def _credit_end(self, t: str, pos: int, lex: Lexicon, strict: bool = False) -> int | None:
        """End offset of a bare credit starting at ``pos`` ("Reuters.", "Kha Miên", "CA tỉnh Yên Bái.").

        ``strict`` (labels such as "Video:" that also introduce a title): the credit must end with
        its own period, before a sentence-opening word, or at the end of the paragraph."""
        toks = list(_TOKEN.finditer(t, pos, min(len(t), pos + 200)))
        end = None
        lower_run = 0
        for i, tm in enumerate(toks):
            tok = tm.group()
            if i >= self.max_credit_words:
                return None
            first = tok[0]
            if first in _OPENERS:
                if i == 0:
                    return None
                break
            core = tok.strip(".,;:!?\"”’)").casefold()
            if i > 0 and first.isupper():
                nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
                if core in lex.sentence_starts:
                    break
                if nxt[:1].islower() and nxt[:1].isalpha():
                    if strict or not _credit_shaped(toks[:i], lex):
                        return None
                    break
            if first.islower():
                lower_run += 1
                if lower_run > 3:
                    return None
            else:
                lower_run = 0
            if ")" in tok and "(" not in tok:
                return None
            end = tm.end()
            if tok[-1] in ".!?" and not _INITIALS.match(tok[:-1] + "."):
                end = tm.end() - 1
                break
            if tok[-1] in ".!?":
                break
        else:
            if len(toks) >= self.max_credit_words and end is not None and toks[-1].end() < len(t):
                return None
        return end

    @staticmethod
    def _plain_credit_end(t: str, pos: int, lex: Lexicon) -> int | None:
        """End of a credit without a colon: all-caps tokens or a known outlet ("Ảnh NGÔI SAO",
        "Ảnh TTXVN", "Ảnh Zing"), followed by the end of the paragraph or a capitalised word."""
        toks = list(_TOKEN.finditer(t, pos, min(len(t), pos + 80)))[:4]
        end = None
        for n in range(len(toks), 0, -1):  # the longest known outlet name
            phrase = t[toks[0].start():toks[n - 1].end()].rstrip(".")
            if norm_key(phrase) in lex.agencies:
                end = toks[n - 1].end()
                break
        if end is None:
            for tm in toks:
                core = tm.group().rstrip(".")
                if len(core) >= 2 and core.isupper() and any(c.isalpha() for c in core):
                    end = tm.end()
                    if tm.group().endswith("."):
                        break
                else:
                    break
        if end is None:
            return None
        if t[end - 1] == ".":
            return end - 1
        m = _NON_SPACE.search(t, end)
        rest = t[m.start():m.start() + 2] if m else ""  # all _starts_sentence reads of t[end:].lstrip()
        if rest and not (_starts_sentence(rest, 0) or rest[0] in ".("):
            return None
        return end

    @staticmethod
    def _caption_start(t: str, floor: int, a_s: int) -> tuple[int, str]:
        """Start of the caption sentence that ends at the credit starting at ``a_s``."""
        j = a_s
        while j > floor and t[j - 1].isspace():
            j -= 1
        if j > floor and t[j - 1] in "-–—":
            j -= 1
            while j > floor and t[j - 1].isspace():
                j -= 1
        if j > floor and t[j - 1] == ".":
            j -= 1
        # the last sentence end before j after which a sentence starts (read from the last one
        # back: usually the last qualifies, so one test instead of one per sentence)
        for e in reversed([bm.end() for bm in _BOUNDARY.finditer(t, floor, j)]):
            if e < j and _starts_sentence(t, e):
                return e, t[e:j]
        return floor, t[floor:j]

    # -- repeated title ----------------------------------------------------------------------
    def _repeated_title(self, doc: Document, b: Block, tt: str, probe: str) -> None:
        """The headline printed again as a sentence inside a paragraph ("<Title> - PV: ...",
        "... . <Title> . Ảnh minh họa ..."); quotes are compared loosely (' " “ ” ‘ ’): ``tt`` is the
        title with its quotes made plain, ``probe`` its longest piece without quotes (at most 24
        characters), which the paragraph must contain."""
        if len(b.text) <= len(tt):
            return
        if probe not in b.text:
            return  # cheap test before translating the paragraph
        t = _plain_quotes(b.text)
        pos = t.find(tt)
        while pos >= 0:
            end = pos + len(tt)
            before_ok = pos == 0 or _last_char(t, pos) in ".!?…"  # "" (only spaces before) too
            after = t[end:end + 3]
            after_ok = after.lstrip()[:1] in ".-–—"
            if before_ok and after_ok and _NOT_DASH_DOT.search(t, end):
                e = end
                while e < len(t) and t[e] in " .-–—":
                    e += 1
                doc.edit(b, pos, e, "", f"{self.id}/repeated-title", kind=DUPLICATE)
                return
            pos = t.find(tt, pos + 1)

    # -- repeated lead ---------------------------------------------------------------------------
    def _repeated_lead(self, doc: Document, first: Block, last: Block) -> bool:
        lead = " ".join(first.text.split())
        if len(lead.split()) < self.min_lead_words or first is last:
            return False
        tail = " ".join(last.text.split())
        if tail == lead:
            doc.remove(last, f"{self.id}/repeated-lead", DUPLICATE)
            return True
        if len(tail) > len(lead) and tail.endswith(lead):
            probe = first.text.strip()[:40]
            pos = last.text.rfind(probe)
            if pos > 0 and " ".join(last.text[pos:].split()) == lead:
                s = pos
                while s > 0 and last.text[s - 1].isspace():
                    s -= 1
                doc.edit(last, s, len(last.text), "", f"{self.id}/repeated-lead", kind=DUPLICATE)
                return True
        return False

    # -- related tail ----------------------------------------------------------------------------
    def _related_tail(self, doc: Document, b: Block, lex: Lexicon, pats: dict[str, Any], cues: bool = True) -> bool:
        """A related-box cue and headline text to the end of the paragraph; ``cues`` False: no
        teaser pre-check holds in the paragraph."""
        t = b.text
        # a related tail holds at most ``max_tail_words`` words: look at the end of the paragraph only
        window = max(0, len(t) - 12 * self.max_tail_words)
        if self.prechecks:
            if _last_char(t) in ".;," and not (cues and any(g.first(t, window) >= 0 for g in pats["gates"]["teasers"])):
                # A tail must not end like prose (its last character is the paragraph's), and a
                # teaser link needs a cue ending with a colon or starting with ">" or "»".
                return False
            if pats["cue_any"].search(t, window) is None:
                return False  # no cue at all (every cue match starts with one of the forms)
        tail_key = t[window:].casefold()
        if not any(c in tail_key for c in pats["cue_keys"]):
            return False  # cheap substring test before the pattern
        for m in pats["cue"].finditer(t, window):
            s = m.start()
            if not (t[s].isupper() or t[s] in ">»"):
                continue
            rest = t[m.end():].strip()
            if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENERS):
                continue
            if _teaser_cue(m.group()) and self._teaser_in_prose(doc, b, s, m.end(), lex):
                return True
            if s == 0:
                continue  # a whole line that starts with a cue is related.v1's to judge
            if len(rest.split()) > self.max_tail_words or _has_sentence_break(rest) or rest[-1] in ".;,":
                continue
            if m.group().startswith(">") and _last_char(t, s) not in _TEASER_AFTER:
                continue
            while s > 0 and t[s - 1].isspace():
                s -= 1
            doc.edit(b, s, len(t), "", f"{self.id}/related-tail", kind=RELATED)
            return True
        return False

    def _inline_teaser(self, doc: Document, b: Block, lex: Lexicon, pats: dict[str, Any]) -> None:
        """Teaser links with a colon ("Xem thêm: <title>") inside a paragraph that is not the last."""
        t = b.text
        if ":" not in t and ">" not in t and "»" not in t:
            return
        k = t.casefold()
        if not any(c in k for c in pats["cue_keys"]):
            return
        for m in pats["cue"].finditer(t):
            if (t[m.start()].isupper() or t[m.start()] in ">»") and _teaser_cue(m.group()) \
                    and self._teaser_in_prose(doc, b, m.start(), m.end(), lex):
                return

    def _teaser_in_prose(self, doc: Document, b: Block, s: int, pos: int, lex: Lexicon) -> bool:
        """"Xem thêm: <title> <Next sentence ...>" inside a paragraph: cut the cue and the title, which
        ends before the first capitalised sentence-opening word; nothing when no such end is found."""
        t = b.text
        toks = list(_TOKEN.finditer(t, pos, min(len(t), pos + 300)))
        for i, tm in enumerate(toks[:25]):
            tok = tm.group()
            if i >= 3 and tok[:1].isupper() and tok.strip(".,;:").casefold() in lex.sentence_starts:
                if _last_char(t) not in ".!?…\"”":  # t[tm.start():].rstrip()[-1:]: tm is a token
                    return False
                while s > 0 and t[s - 1].isspace():
                    s -= 1
                doc.edit(b, s, tm.start() - 1 if s > 0 else tm.start(), "", f"{self.id}/teaser-link", kind=RELATED)
                return True
            if tok[-1] in ".!?":
                return False
        return False

    # -- trailing signatures, UI strings, video lines --------------------------------------------
    def _tails(self, doc: Document, b: Block, lex: Lexicon, pats: dict[str, Any], whole_line: bool = False,
               cues: bool = True) -> None:
        """Trailing pieces of the last paragraph; with ``whole_line`` (the document has other
        paragraphs) a short last line is also read as a whole ("Reporting by X; Editing by Y").
        ``cues`` False: no teaser pre-check holds in the paragraph as it is now."""
        records = len(doc.removed) + len(doc.fixes)
        for _ in range(4):
            if len(doc.removed) + len(doc.fixes) != records:
                cues = True  # edited: the pre-checks no longer describe the text
            t = b.text.rstrip()
            if not t or (not whole_line and len(t.split(None, 3)) < 4):  # fewer than 4 words
                return
            if self.prechecks and not cues and _plain_end(t):
                return  # the usual last paragraph: every step below would find nothing
            m = _ui_match(pats["ui"], t) if self.prechecks else pats["ui_all"].search(t, max(0, len(t) - 200))
            after = t[m.end():] if m else ""
            if self.signature and m and not _has_sentence_break(after) \
                    and len(after.split()) <= self.max_signature_words \
                    and m.start() > 0:
                self._cut(doc, b, m.start(), m.end(), "ui", UI)
                continue
            if self.signature and self._stamp_or_initials(doc, b, t, lex):
                continue
            done = False
            # Every trailing piece ends where t ends: after a sentence end (not "./.") none is a
            # signature or a video line, so the pieces are not even listed.
            if self.signature and (t[-1] not in ".!?…" or t.endswith("./.") or not self.prechecks):
                bounds = [bm.end() for bm in _TAIL_BOUNDARY.finditer(t, max(0, len(t) - 400))]
                most = self.max_signature_words  # (the split stops after the tokens that count)
                if whole_line and len(t.split(None, most)) <= most and (
                        "/" in t or any(w.strip(",;:()") in lex.signature_words for w in t.casefold().split())):
                    bounds.insert(0, 0)  # names alone on a line are byline.v1's; markers ("by", "theo") here
            else:
                bounds = []
            # the longest trailing piece that parses, from the earliest candidate start
            for start in bounds:
                tail = t[start:]
                n = len(tail.split())
                if n > self.max_tail_words:
                    continue
                if tail[-1] in ".!?…" and not tail.endswith("./."):
                    continue
                low = tail.casefold()
                if n <= self.max_tail_words and low.startswith(_VIDEO_LABELS) and not _has_sentence_break(tail):
                    self._cut(doc, b, start, len(t), "video", MEDIA)
                    done = True
                    break
                if n > self.max_signature_words:
                    continue
                if _after_short_label(t, start, bounds, lex):
                    continue  # "Giải khuyến khích: Phạm Đức Anh, ...": a label's value, not a signature
                sig = parse_signature(tail, lex)
                if sig is not None:
                    author, agency = sig
                    s = start
                    while s > 0 and t[s - 1].isspace():
                        s -= 1
                    kind = AUTHOR if author else AGENCY
                    doc.edit(b, s, len(b.text), "", f"{self.id}/signature", kind=kind,
                             field="author" if author else "agency", value=author or agency)
                    if author and agency:
                        doc.fill("agency", agency)
                    done = True
                    break
            if not done and not (self.related and self._related_tail(doc, b, lex, pats, cues)):
                return

    def _stamp_or_initials(self, doc: Document, b: Block, t: str, lex: Lexicon) -> bool:
        """Signatures recognisable without a sentence end before them: "<Name> - <Outlet> | 04:43
        17/05/2017" and a closing initials signature ("... Cứu thua 4 Q.D")."""
        lo = max(0, len(t) - 160)
        # the stamp holds "| 04:43 17/05/2017"
        m = _STAMP_SIG.search(t, lo) if "|" in t[lo:] or not self.prechecks else None
        if m:
            names = m.group("name").split()
            keep = []
            for tok in reversed(names):
                if tok[-1] in ".!?…:;" or not _name_token(tok, lex) or len(keep) >= 4:
                    break
                keep.insert(0, tok)
            if keep:
                start = m.start("name") + len(m.group("name").rstrip()) - len(" ".join(keep))
                if start == 0 or t[start - 1] == " ":
                    self._signature_cut(doc, b, start, " ".join(keep), m.group("outlet").strip())
                    return True
        # a strict-initials token ends with a letter ("Q.D"): most paragraphs end with a period
        toks = t.rsplit(None, 3) if _initials_end(t[-1]) or not self.prechecks else []
        if len(toks) >= 2 and _STRICT_INITIALS.match(toks[-1]):
            start = len(t) - len(toks[-1])
            if t[start - 1] == " " and t[:start].rstrip()[-1:] not in "-–—/(":
                self._signature_cut(doc, b, start, toks[-1], None)
                return True
        return False

    def _signature_cut(self, doc: Document, b: Block, start: int, author: str | None, agency: str | None) -> None:
        t = b.text
        s = start
        while s > 0 and t[s - 1].isspace():
            s -= 1
        doc.edit(b, s, len(t), "", f"{self.id}/signature", kind=AUTHOR if author else AGENCY,
                 field="author" if author else "agency", value=author or agency)
        if author and agency:
            doc.fill("agency", agency)

    def _cut(self, doc: Document, b: Block, s: int, e: int, rule: str, kind: str) -> None:
        t = b.text
        while s > 0 and t[s - 1].isspace():
            s -= 1
        if e >= len(t.rstrip()):
            e = len(t)
        else:
            while e < len(t) and t[e].isspace():
                e += 1
            if s > 0:
                s += 1  # keep one space between the pieces
        doc.edit(b, s, e, "", f"{self.id}/{rule}", kind=kind)


# -- document-level pre-checks -------------------------------------------------------------------

class _Gate:
    """One document-level pre-check: where ``char`` occurs and ``rest`` (if any) matches right
    after it. ``search``: the regex engine looks for both at once (``rest`` then starts with the
    character: best for a frequent character); else str.find finds the character (at memory
    speed) and ``rest`` is tried there (best for a rare one)."""

    __slots__ = ("char", "rest", "search")

    def __init__(self, char: str, rest: re.Pattern[str] | None = None, search: bool = False) -> None:
        self.char = char
        self.rest = rest
        self.search = search

    def first(self, text: str, pos: int) -> int:
        """The first position at or after ``pos`` where the pre-check holds, or -1."""
        if self.search:
            assert self.rest is not None
            m = self.rest.search(text, pos)
            return -1 if m is None else m.start()
        at = text.find(self.char, pos)
        if self.rest is not None:
            rest, n = self.rest, len(self.char)
            while at >= 0 and rest.match(text, at + n) is None:
                at = text.find(self.char, at + 1)
        return at


class _Joined:
    """The texts of a document's blocks joined by line breaks, searched once per pre-check instead
    of once per block (see "Speed" in the module docstring). ``records`` counts the document's
    records when it was built: any edit since adds one, and makes it stale."""

    __slots__ = ("_hits", "_starts", "blocks", "records", "text")

    def __init__(self, blocks: list[Block], doc: Document) -> None:
        self.blocks = blocks
        self.text = "\n".join([b.text for b in blocks])
        self.records = len(doc.removed) + len(doc.fixes)
        self._starts: list[int] | None = None
        self._hits: dict[_Gate, frozenset[int] | set[int]] = {}

    @classmethod
    def fresh(cls, joined: _Joined | None, blocks: list[Block], doc: Document) -> _Joined | None:
        """``joined`` when nothing was edited since it was built, else a new one over ``blocks``."""
        if joined is None or joined.records == len(doc.removed) + len(doc.fixes):
            return joined
        return cls(blocks, doc)

    def select(self, gates: tuple[_Gate, ...]) -> list[Block]:
        """The blocks in which one of ``gates`` holds (the block its character is in), in order.

        Where a gate holds inside a block's text, it holds in the joined text at the same place:
        the gates look no further than the block's own characters, or if they do (a look-behind
        across a line break, a pattern running on into the next line), they hold in more places,
        never in fewer."""
        cache = self._hits
        found: frozenset[int] | set[int] = _NONE
        for gate in gates:
            hits = cache.get(gate)
            if hits is None:
                hits = cache[gate] = self._scan(gate)
            if hits:
                found = found | hits
        return [self.blocks[i] for i in sorted(found)] if found else []

    def quiet(self, gates: tuple[_Gate, ...]) -> bool:
        """True when none of ``gates`` holds anywhere: one C call per gate (usually), without the
        bookkeeping of :meth:`select`."""
        text = self.text
        for gate in gates:
            if gate.search:
                assert gate.rest is not None
                if gate.rest.search(text) is not None:
                    return False
            else:
                at = text.find(gate.char)
                if at >= 0 and (gate.rest is None or gate.first(text, at) >= 0):
                    return False
        return True

    def containing(self, literal: str) -> list[Block]:
        """The blocks whose text contains ``literal``, in order (and, for a literal with a line
        break, the blocks where it starts in the joined text)."""
        return [self.blocks[i] for i in sorted(self._scan(_Gate(literal)))]

    def _scan(self, gate: _Gate) -> frozenset[int] | set[int]:
        text = self.text
        if gate.search:  # whether it holds at all, in one C call: usually not
            assert gate.rest is not None
            m = gate.rest.search(text)
            if m is None:
                return _NONE
            at = m.start()
        else:
            at = text.find(gate.char)
            if at < 0 or (gate.rest is not None and (at := gate.first(text, at)) < 0):
                return _NONE
        if self._starts is None:  # offset of each block: the lengths before it, plus line breaks
            self._starts = list(itertools.accumulate(map((1).__add__, map(len, (b.text for b in self.blocks))),
                                                     initial=0))
        starts = self._starts
        n = len(self.blocks)
        hits: set[int] = set()
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            hits.add(i)
            at = gate.first(text, starts[i + 1]) if i + 1 < n else -1
        return hits


#: Last words of labels that introduce the people who made the piece ("Thực hiện:", "Biên tập:").
_ROLE_LABELS = frozenset({"hiện", "tập", "bày", "kế", "bài", "tin", "video", "clip", "pv", "giả", "dịch", "hợp"})


def _after_short_label(t: str, start: int, bounds: list[int], lex: Lexicon) -> bool:
    """Whether the piece at ``start`` follows a colon that ends a short label (at most five words
    since the sentence before) that credits no one: "Cầu thủ xuất sắc nhất: Trần Quốc Việt". After
    a credit label ("Video:", "Thực hiện:", "Ảnh:") or a long sentence ("... như bảng sau: Hà Ánh")
    the piece may still be a signature."""
    head = t[:start].rstrip()
    if not head.endswith(":"):
        return False
    prev = max((x for x in bounds if x < start), default=0)
    label = t[prev:len(head) - 1].strip()
    if len(label.split()) > 5:
        return False
    last = norm_key(label.rsplit(None, 2)[-1]) if label else ""
    credits = {norm_key(x).split()[-1] for x in (*lex.credit_labels, *lex.source_labels) if x.strip()}
    return last not in credits and last not in _ROLE_LABELS


def _continues(t: str, pos: int) -> bool:
    """Whether the sentence goes on after ``pos``: the next visible character is a comma, a
    semicolon or a lower-case letter."""
    m = _NON_SPACE.search(t, pos)
    return m is not None and (t[m.start()] in ",;" or t[m.start()].islower())


def _credit_shaped(toks: list[re.Match[str]], lex: Lexicon) -> bool:
    """Whether the tokens before "a capitalised word followed by a lower-case one" can be a whole
    credit: one token, or capitalised tokens only ("Kha Miên", "VGP/Thành Chung", "TRỌNG PHÚ"), and
    not the start of an organisation's name ("Sở Văn hóa ...", "Bệnh viện Bạch Mai ..."), which
    mixes capitalised and lower-case words: there the end is not where the credit ends."""
    words = [tm.group() for tm in toks]
    if not words or norm_key(words[0]).strip(".,;:") in lex.org_heads:
        return False
    return len(words) == 1 or all(not w[:1].islower() for w in words)


@functools.lru_cache(maxsize=256)
def _upper_forms(ch: str) -> str:
    """The upper-case characters that re.IGNORECASE matches with ``ch``: its upper and title case
    forms, and the odd equivalents in ``_ODD_UPPER``."""
    low = ch.lower()
    cands = {ch, ch.upper(), ch.title(), low.upper(), low.title(), ch.casefold().upper(), *_ODD_UPPER}
    pat = re.compile(re.escape(ch), re.IGNORECASE)
    return "".join(sorted(c for c in cands if len(c) == 1 and c.isupper() and pat.fullmatch(c)))


def _upper_rests(labels: Iterable[str]) -> dict[str, set[str]]:
    """The upper-case letters that ``labels`` may start with (all the characters re.IGNORECASE
    equates with their first letter that are upper case), each with the rests of the labels it may
    start. A credit anchor other than a parenthesis is only taken when it starts with an upper-case
    letter (``t[a_s].isupper()``), so where no letter is followed by one of its rests, no such
    anchor is taken."""
    rests: dict[str, set[str]] = {}
    for label in labels:
        if label:
            for u in _upper_forms(label[0]):
                rests.setdefault(u, set()).add(label[1:])
    return rests


def _ui_match(rxs: tuple[re.Pattern[str] | None, re.Pattern[str] | None], t: str) -> re.Match[str] | None:
    """The first interface string in the last 200 characters of ``t`` (see ``ui`` in
    :meth:`InlineFilter._patterns`): strings that start with "(" are only searched for when the
    window holds one, the others (which hold ">>") when it holds ">>"."""
    lo = max(0, len(t) - 200)
    window = t[lo:]
    paren, other = rxs
    m = paren.search(t, lo) if paren is not None and "(" in window else None
    if other is not None and ">>" in window:
        m2 = other.search(t, lo)
        if m2 is not None and (m is None or m2.start() < m.start()):
            m = m2
    return m


def _visible(blocks: list[Block]) -> list[Block]:
    """The kept blocks with text other than white space (``b.text.strip()``, without the copies)."""
    return [b for b in blocks if b.status == KEPT and b.text and not b.text.isspace()]


def _plain_quotes(t: str) -> str:
    """``t`` with every quotation mark made '"' (str.translate with a dict is slow on long text;
    one str.replace per mark is not, and '"' is not replaced again)."""
    for q in _QUOTES:
        if q in t:
            t = t.replace(q, '"')
    return t


def _plain_end(t: str) -> bool:
    """True when the steps of :meth:`InlineFilter._tails` all find nothing in ``t`` (a paragraph
    without trailing white space, in which no teaser pre-check holds), by their own pre-checks:
    no "(" or ">>" for an interface string in the last 200 characters, no "|" for a stamp
    signature in the last 160, a final "." (not "./.") after which no trailing piece is read and
    no initials token ends, and with which no related tail ends."""
    if t[-1] != "." or t.endswith("./."):
        return False
    end = t[-200:]
    return "(" not in end and ">>" not in end and "|" not in t[-160:]


def _initials_end(c: str) -> bool:
    """True for a character a _STRICT_INITIALS match may end with: ``[A-ZĐÀ-Ỹ]`` or
    ``[A-Za-zĐđÀ-ỹ]`` (together: ASCII letters, Đ, đ and À to ỹ)."""
    return "a" <= c <= "z" or "A" <= c <= "Z" or "À" <= c <= "ỹ" or c in "Đđ"


def _last_char(t: str, end: int | None = None) -> str:
    """``t[:end].rstrip()[-1:]`` without copying: the last character before ``end`` that is not
    white space, or "" when there is none."""
    i = len(t) if end is None else end
    while i > 0 and t[i - 1].isspace():
        i -= 1
    return t[i - 1] if i > 0 else ""


def _only_parens_after(t: str, pos: int) -> bool:
    """``not _PAREN.sub("", t[pos:]).strip(" .")`` without copying the rest of the paragraph: only
    spaces, periods and parenthesised groups follow ``pos``."""
    n = len(t)
    while pos < n:
        c = t[pos]
        if c in " .":
            pos += 1
        elif c == "(" and (m := _PAREN.match(t, pos)) is not None:
            pos = m.end()
        else:
            return False
    return True


def _anchors(rx: re.Pattern[str], t: str, k: str, heads: tuple[str, ...]) -> list[re.Match[str]]:
    """Matches of the anchor pattern, tried only where a label's first word occurs (found with
    ``str.find`` on the case-folded text ``k``), instead of scanning every position of a paragraph."""
    if len(k) != len(t):  # case folding changed lengths (rare letters): scan the plain way
        return list(rx.finditer(t))
    starts: set[int] = set()
    for h in heads:
        p = k.find(h)
        while p >= 0:
            q = p
            while q > 0 and t[q - 1] == " " and p - q < 2:
                q -= 1
            if q > 0 and t[q - 1] == "(":
                starts.add(q - 1)
            starts.add(p)
            p = k.find(h, p + 1)
    out: list[re.Match[str]] = []
    end = 0
    for pos in sorted(starts):
        if pos < end:
            continue
        m = rx.match(t, pos)
        if m:
            out.append(m)
            end = m.end()
    return out


def _prechecks(lex: Lexicon) -> tuple[str, ...]:
    """Cheap substrings (case-folded) that any caption anchor contains."""
    heads = {x.split()[0].casefold() for x in (*lex.credit_labels, *lex.source_labels, *lex.illustrative) if x}
    return tuple(sorted(heads))


def _teaser_cue(cue: str) -> bool:
    """A cue that introduces one linked title on the same line: "Xem thêm:", ">>", "»"."""
    return cue.rstrip().endswith(":") or cue.startswith((">", "»"))


def _swallow(t: str, s: int, e: int) -> tuple[int, int]:
    """Widen a cut [s, e) over the credit's own period and the spaces after it (one sentence gap is
    kept), or over the spaces before it when it ends the paragraph or a comma or semicolon follows
    it ("giàu" (Ảnh: X), nhưng" becomes "giàu", nhưng")."""
    while e < len(t) and t[e] == ".":
        e += 1
    while e < len(t) and t[e].isspace():
        e += 1
    if e >= len(t) or t[e] in ",;":
        while s > 0 and t[s - 1].isspace():
            s -= 1
    return s, e


def _anchor_label(anchor: str) -> str:
    """The normalised label of a credit anchor: "(Nguồn ảnh: X)" -> "nguồn ảnh"."""
    return norm_key(anchor.strip("( ").split(":", 1)[0].rstrip(") ."))


def _starts_sentence(t: str, e: int) -> bool:
    """True when a sentence may start at ``t[e]``: a capital, a digit, an opening quote, or a
    lower-case letter followed by a capital (``iPhone``, ``eBay``)."""
    c = t[e]
    return c.isupper() or c.isdigit() or c in _OPENERS or (c.islower() and e + 1 < len(t) and t[e + 1].isupper())


def _has_sentence_break(s: str) -> bool:
    """True when ``s`` holds a sentence end followed by a capitalised word (prose, not a title list)."""
    for m in _BOUNDARY.finditer(s):
        e = m.end()
        if e < len(s) and s[m.start()] in ".…" and s[e].isupper():
            return True
    return False


def parse_signature(tail: str, lex: Lexicon) -> tuple[str | None, str | None] | None:
    """``(author, agency)`` when ``tail`` reads as a signature, else None.

    Accepts names (capitalised words, initials such as ``T.T`` or ``N.LIÊM``, all-caps names),
    separators (``-``, ``/``, ``,``, ``|``, ``và``), times and dates, e-mail addresses, markers such
    as ``Theo``, ``Nguồn``, ``(Tổng hợp)``, and outlet names after ``Theo``/``Nguồn`` or in
    parentheses (these may hold lower-case words: ``Theo Sức khỏe & Đời sống``).
    """
    s = tail.strip().rstrip("./").strip()
    if not s or len(s) > 160:
        return None
    agency: str | None = None
    # parentheticals: "(Khám phá)", "(theo Smedia)", "(Tổng hợp)", "(TTXVN)"
    for pm in _PAREN.finditer(s):
        inner = pm.group(1).strip()
        ik = norm_key(inner)
        if not inner:
            continue
        head, _, rest = ik.partition(" ")
        if "/" in inner and all(norm_key(x) in lex.agencies or _name_token(x.strip(), lex)
                                for x in inner.split("/") if x.strip()):
            agency = agency or inner
            continue
        if any(ik.startswith(w + " ") for w in lex.signature_words if " " in w):
            continue
        if ik in lex.agencies or ik in lex.signature_words:
            if ik in lex.agencies:
                agency = agency or inner
            continue
        if head in ("theo", "nguồn", "source", "via") and rest:
            agency = agency or inner.split(None, 1)[1]
            continue
        if head in lex.signature_words or all(_name_token(x, lex) or x in _SEPARATORS for x in inner.split()):
            continue
        if _outlet_like(inner, lex):
            agency = agency or inner
            continue
        return None
    body = _PAREN.sub(" ", s)
    # segments between " - " or " | " that are outlet names ("Xú - Thể thao Việt Nam | 15:40 ...")
    kept_segments = []
    segs = re.split(r"\s+[-–—|]\s+", body)
    for i, seg in enumerate(segs):
        sk = norm_key(seg)
        # "Name - Outlet | 09:15 12/03/2019": a segment followed by a timestamp is an outlet
        stamp = i + 1 < len(segs) and all(_TIME.match(x) for x in segs[i + 1].split()) and i > 0
        if (stamp and _outlet_like(seg, lex)) or sk in lex.agencies or (
                "/" in seg and all(norm_key(x) in lex.agencies for x in seg.split("/") if x.strip())):
            agency = agency or seg.strip()
            continue
        kept_segments.append(seg)
    body = " - ".join(kept_segments)
    toks = body.split()
    if not toks:
        return (None, agency) if agency else None
    if len(toks) > 14:
        return None
    names: list[list[str]] = [[]]
    outlet: list[str] = []
    mode = "name"
    n_name = 0
    for tok in toks:
        bare = tok.strip(",;")
        low = bare.casefold().rstrip(":")
        if not bare or bare in _SEPARATORS or low in _SEPARATORS:
            if mode == "name" and names[-1]:
                names.append([])
            continue
        if _TIME.match(bare) or "@" in bare:
            continue
        if low in ("theo", "nguồn", "source", "via", "according"):
            mode = "outlet"
            continue
        if bare.endswith(":") and (low in lex.signature_words or low in ("email", "e-mail", "thực hiện")
                                   or low in {norm_key(x) for x in lex.credit_labels}):
            mode = "name"
            if names[-1]:
                names.append([])
            continue
        if low in lex.signature_words and low not in ("và",):
            if bare.isupper() and bare.isalpha() and mode == "name":
                names[-1].append(bare)  # "PV", "CTV": the reporter signs with a role
            elif mode == "name" and names[-1]:
                names.append([])  # "Reporting by X Editing by Y": a marker starts another name
            continue
        if mode == "outlet":
            if "/" in bare and all(norm_key(x) in lex.agencies or _name_token(x, lex) or x.islower()
                                   for x in bare.split("/") if x):
                outlet.append(bare)
                continue
            lower_ok = bare[:1].islower() and bare.isalpha() and len(outlet) >= 1
            if _name_token(bare, lex) or norm_key(bare) in lex.agencies or lower_ok \
                    or bare in ("&",):
                outlet.append(bare)
                continue
            return None
        if "/" in bare and not bare.startswith("/"):
            parts = [p for p in bare.split("/") if p]
            ok = all(_name_token(p, lex) or norm_key(p) in lex.agencies or p.casefold() in lex.signature_words
                     for p in parts)
            if not ok:
                return None
            if mode == "name":
                names[-1].append(parts[0])
                n_name += 1
                tail_parts = [p for p in parts[1:] if p.casefold() not in lex.signature_words]
                if tail_parts and agency is None:
                    agency = "/".join(tail_parts)
                names.append([])
            else:
                outlet.append(bare)
            continue
        if _name_token(bare, lex) or bare in lex.title_prefixes:
            names[-1].append(bare)
            n_name += 1
            if tok[-1] in ",;":
                names.append([])
            continue
        return None
    name_parts = list(dict.fromkeys(" ".join(p) for p in names if p))
    if not name_parts and not outlet and agency is None:
        return None
    if any(len(p.split()) > 5 for p in name_parts):
        return None
    if outlet:
        agency = agency or " ".join(outlet)
    if name_parts and agency is None and len(name_parts) == 1 and norm_key(name_parts[0]) in lex.agencies:
        return None, name_parts[0]
    author = ", ".join(name_parts) if name_parts else None
    if author is None and agency is None:
        return None
    return author, agency


def _outlet_like(s: str, lex: Lexicon) -> bool:
    """A short capitalised phrase that may name an outlet ("Khoa học & Đời sống", "Bóng đá Việt")."""
    toks = s.split()
    if not toks or len(toks) > 6 or not toks[0][:1].isupper() or any(c.isdigit() for c in s):
        return False
    lower = [t for t in toks if t[:1].islower()]
    return len(lower) <= 3 and not any(t in lex.sentence_starts for t in lower) and _name_token(toks[0], lex)


def _name_token(tok: str, lex: Lexicon) -> bool:
    """A token that can be part of a person's or outlet's name."""
    if not tok or tok[0].islower() or tok[0].isdigit():
        return False
    if _INITIALS.match(tok):
        return True
    if len(tok) < 2:
        return False
    if not _NAMEISH.match(tok):
        return False
    core = tok.strip(".").casefold()
    return core not in lex.byline_words and core not in lex.sentence_starts
