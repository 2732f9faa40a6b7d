"""social.v1: share-button residue, page-interface lines and breadcrumbs.

Removes whole lines that are:
- social icon rows as they survive scraping: every token a share token (``fb yt zl tw``,
  ``Facebook Twitter Zalo``, ``Chia sẻ``): kind ``share``;
- interface strings (``Bình luận``, ``Tăng cỡ chữ``, ``In bài``, ``Trở lại đầu trang``) matched on
  the whole line, and short lines starting with a tag, copyright or follow-us label (``Từ khóa:``,
  ``© 2024 ...``, ``Theo dõi Báo X trên Google News``): kind ``ui``;
- breadcrumbs: three or more short segments joined by ``>``, ``»``, ``›`` or ``|``, not a table row
  (no pipe at either end, no digit in a cell, no line next to it with as many pipes): kind ``nav``;
- flattened menus: a line made only of ``min_menu`` or more section names (``menu_sections.txt``),
  with or without separators: "Thời sự Thế giới Kinh doanh Giải trí Thể thao", or ``min_menu - 1``
  or more lines in a row that are each one section name: kind ``nav``;
- counters: a line made only of counter labels with their numbers (``Bình luận (12)``,
  ``Lượt xem: 1.234``, ``25 lượt thích | 3 bình luận``; labels in ``ui_counters.txt``): kind ``ui``.

Why: interface text repeats on every page of a site and teaches a model nothing.
False-positive risks: a body line that is exactly an interface string ("Bình luận" as a one-word
heading) is removed; prefix rules only fire on lines of at most ``max_words`` tokens that do not end
with a period or (but for tag lists) hold a comma, and "Theo dõi"
lines only when they name a platform (a line that starts with a bare "Theo dõi", as prose can, only
when the platform ends it: "Theo dõi Dân trí trên Google News"). A counter line must be nothing but
labels and numbers, so prose that mentions comments or views is never one.

Pre-check: the lexicon rules only fire on a line whose key starts with a known first word (the
first token of an interface string or prefix, a prefix with no space in it, share tokens after
separators), and a breadcrumb needs one of its four separators. A line whose first token, folded
as in its key (:func:`~cleancorpus.segment.first_key`; the answer is memoised per token), cannot
start any of them and that holds no separator is skipped before its key is built; every other line
goes through the rules above unchanged. (The first token and the token count come from the line's
:func:`~cleancorpus.segment.profile`, computed once for all the line filters.)
"""

from __future__ import annotations

import re

from cleancorpus.document import KEPT, Block, Document
from cleancorpus.filters.base import NAV, SHARE, UI, BaseFilter
from cleancorpus.lexicon import Lexicon
from cleancorpus.memo import TOKEN_MEMO, remember
from cleancorpus.segment import fold, key, profile, stripped

_SEP = r"[\s|·•/,;]"
_SPLIT = re.compile(_SEP + "+")
#: The separators of a share row that may stand inside a key token (a key holds no other whitespace).
_SEP_CHARS = "|·•/,;"
_DASHES = ("-", "–", "—", "»", "›", ">")
#: Symbols an interface line may start with ("▶ Xem video", "» Xem thêm").
_MARKS = "▶►▸▷•→»›>*- "
#: Interface prefixes whose line is a comma-separated list (tags); other prefixed lines with a
#: comma or a final period read as prose.
_LIST_PREFIXES = ("từ khóa", "từ khoá", "tags", "tag", "keywords", "topics")
_MENU_STRIP = " |·•/,;-–—»›>"
_CRUMB = re.compile(r"\s*(?:>|»|›|\|)\s*")
_PLATFORM_NAMES = r"google news|zalo|facebook|youtube|tiktok|twitter|instagram|telegram"
_PLATFORMS = re.compile(_PLATFORM_NAMES, re.IGNORECASE)
#: A platform at the end of a key (what a bare "theo dõi" line needs).
_PLATFORM_END = re.compile(rf"(?:{_PLATFORM_NAMES})\W*$", re.IGNORECASE)
#: A count on an interface counter: 12, 1.234, 1,2k, 3K+, (12), [5].
_COUNT = r"[(\[]?\d[\d.,]*\s*[km]?\+?[)\]]?"


def _table_row(s: str, parts: list[str]) -> bool:
    """A row of a table written with pipes (Markdown, text dumps), not a breadcrumb: the line starts
    or ends with a pipe, or a cell holds a digit ("| Nguyễn Văn A | Vàng | 42 |", "SJC | 84,5 triệu")."""
    return s[0] == "|" or s[-1] == "|" or any(c.isdigit() for p in parts for c in p)


def _table_neighbour(blocks: list[Block], i: int, pipes: int) -> bool:
    """Whether the line before or after ``blocks[i]`` (blank lines skipped) holds as many pipes:
    rows of one table ("Doanh nghiệp | Mua vào | Bán ra" over "SJC | 84,5 triệu | 86,5 triệu")."""
    if pipes == 0:
        return False
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(blocks) and not blocks[j].text.strip():
            j += step
        if 0 <= j < len(blocks) and blocks[j].text.count("|") == pipes:
            return True
    return False


class _Gate:
    """What a line's first key token must look like for a lexicon rule to fire on the line."""

    def __init__(self, lex: Lexicon, share_rx: re.Pattern[str]) -> None:
        firsts = {x.split(" ", 1)[0] for x in lex.ui_lines}
        firsts.update(p.split(" ", 1)[0] for p in lex.ui_prefixes if " " in p)
        firsts.update(c.split(" ", 1)[0] for c in lex.ui_counters)
        self.firsts = frozenset(firsts)
        self.prefixes = tuple(p for p in lex.ui_prefixes if " " not in p)
        self.share_rx = share_rx
        self.share = tuple(sorted(t for t in lex.share_tokens if t))
        self.memo: dict[str, bool] = {}
        #: First tokens of section names: a menu line starts with one (see ``SocialFilter._menu``).
        self.menu_firsts = frozenset(c.split(" ", 1)[0] for c in lex.menu_sections)
        #: Last tokens of section names: a menu line ends with one, less trailing separators.
        self.menu_lasts = frozenset(c.rsplit(" ", 1)[-1] for c in lex.menu_sections)
        self.menu_memo: dict[str, bool] = {}

    def could_end_menu(self, s: str) -> bool:
        """False when the stripped line ``s`` cannot be a menu: its last token (after any
        separator), folded, ends no section name."""
        tail = s.rstrip(_MENU_STRIP)
        last = _SPLIT.split(tail.rsplit(None, 1)[-1])[-1] if tail else ""
        return fold(last) in self.menu_lasts

    def could_start_menu(self, token: str) -> bool:
        """False when a line whose first whitespace-separated token is ``token`` cannot be a menu:
        the part of it before any separator, folded, starts no section name. Memoised per token."""
        v = self.menu_memo.get(token)
        if v is None:
            v = remember(self.menu_memo, token, fold(_SPLIT.split(token, 1)[0]) in self.menu_firsts, TOKEN_MEMO)
        return v

    def could_fire(self, token: str) -> bool:
        """False when no line whose first token is ``token`` can be an interface line, start with an
        interface prefix or be a share row: its key starts with ``k0``, the token folded (see
        :func:`~cleancorpus.segment.first_key`), followed by a space or its end. Memoised per token."""
        v = self.memo.get(token)
        if v is None:
            k0 = fold(token)
            bare = k0.lstrip(_SEP_CHARS)
            marked = k0.lstrip(_MARKS)
            v = (k0 in self.firsts or k0.rstrip(":") in self.firsts or k0.startswith(self.prefixes)
                 or not bare or bare.startswith(self.share) or k0.lstrip("([")[:1].isdigit()
                 or not marked or marked in self.firsts)
            remember(self.memo, token, v, TOKEN_MEMO)
        return v


class SocialFilter(BaseFilter):
    """Share icon rows, interface strings, breadcrumbs."""

    id = "social.v1"

    def __init__(self, max_words: int = 20, min_menu: int = 4, max_menu_words: int = 40) -> None:
        super().__init__(max_words=max_words, min_menu=min_menu, max_menu_words=max_menu_words)
        self.max_words = max_words
        self.min_menu = min_menu
        self.max_menu_words = max_menu_words
        self._share_rx: dict[str, re.Pattern[str]] = {}
        self._gates: dict[str, _Gate] = {}
        self._counter_rx: dict[str, re.Pattern[str]] = {}

    def _share_row(self, lex: Lexicon) -> re.Pattern[str]:
        """A pre-check for share rows: the whole key made of share tokens and separators (one
        anchored match that fails on the first character of almost every line)."""
        rx = self._share_rx.get(lex.lang)
        if rx is None:
            toks = sorted((t for t in lex.share_tokens if t and not _SPLIT.search(t)), key=len, reverse=True)
            alts = "|".join(re.escape(t) for t in toks) or "(?!)"
            rx = self._share_rx[lex.lang] = re.compile(rf"{_SEP}*(?:(?:{alts})(?:{_SEP}+|$))+")
        return rx

    def _counter(self, lex: Lexicon) -> re.Pattern[str]:
        """A key made only of interface counters: a label with its count (``bình luận (12)``,
        ``lượt xem: 1.234``) or a count with its label (``25 lượt thích``), joined by separators."""
        rx = self._counter_rx.get(lex.lang)
        if rx is None:
            labels = sorted(lex.ui_counters, key=len, reverse=True)
            alts = "|".join(re.escape(c) for c in labels) or "(?!)"
            item = rf"(?:(?:{alts})\s*:?\s*{_COUNT}|{_COUNT}\s*(?:{alts}))"
            rx = self._counter_rx[lex.lang] = re.compile(rf"{item}(?:\s*[|·•,/;–-]?\s*{item})*")
        return rx

    def _gate(self, lex: Lexicon) -> _Gate:
        gate = self._gates.get(lex.lang)
        if gate is None:
            gate = self._gates[lex.lang] = _Gate(lex, self._share_row(lex))
        return gate

    def apply(self, doc: Document) -> None:
        lex = self.lexicon(doc)
        share_rx = self._share_row(lex)
        counter_rx = self._counter(lex)
        gate = self._gate(lex)
        memo = gate.memo
        max_words = self.max_words
        menus = lex.menu_sections
        menu_memo, min_menu, max_menu_words = gate.menu_memo, self.min_menu, self.max_menu_words
        column = 0
        for b in doc.blocks:
            if b.status != KEPT:
                continue
            s, token, n, shape = b.cache.get("P") or profile(b)
            if n <= max_menu_words and (
                    menu_memo.get(token) or (token not in menu_memo and gate.could_start_menu(token))):
                if n <= 4:
                    column += 1  # may be one line of a menu printed one section per line
                if shape and n >= min_menu and gate.could_end_menu(s) and self._menu(s, menus):
                    doc.remove(b, f"{self.id}/menu", NAV)
                    continue
            if n > max_words:
                continue
            fires = memo.get(token)
            if fires is None:
                fires = gate.could_fire(token)
            if not fires:
                t = b.text
                if ">" not in t and "»" not in t and "›" not in t and "|" not in t:
                    continue
            k = key(b)
            if k in lex.ui_lines or k.rstrip(":") in lex.ui_lines or k.lstrip(_MARKS).rstrip(":") in lex.ui_lines:
                doc.remove(b, f"{self.id}/ui-line", UI)
                continue
            toks = [t for t in _SPLIT.split(k) if t] if share_rx.fullmatch(k) else []
            if toks and all(t in lex.share_tokens for t in toks) and (len(toks) >= 2 or k in lex.ui_lines):
                doc.remove(b, f"{self.id}/share-row", SHARE)
                continue
            if self._ui_prefix(k, lex.ui_prefixes):
                doc.remove(b, f"{self.id}/ui-prefix", UI)
                continue
            if counter_rx.fullmatch(k):
                doc.remove(b, f"{self.id}/counter", UI)
                continue
            s = stripped(b)
            if ">" in s or "»" in s or "›" in s or "|" in s:
                parts = [p for p in _CRUMB.split(s) if p]
                if (len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts) and s[-1] not in ".…"
                        and not _table_row(s, parts) and not _table_neighbour(doc.blocks, b.index, s.count("|"))):
                    doc.remove(b, f"{self.id}/breadcrumb", NAV)
        if menus and column >= max(self.min_menu - 1, 2):  # (a column needs that many candidates)
            self._menu_column(doc, gate, menus)

    def _menu_column(self, doc: Document, gate: _Gate, sections: frozenset[str]) -> None:
        """A menu printed one section per line: ``min_menu - 1`` or more kept lines in a row, each
        a different single section name ("Thời sự" / "Thế giới" / "Kinh doanh"), go as ``nav``."""
        run: list[Block] = []
        for b in [*doc.blocks, None]:
            if b is not None and b.status != KEPT:
                continue
            if b is not None:
                s, token, n, _ = b.cache.get("P") or profile(b)
                if n <= 4 and s and gate.could_start_menu(token) and key(b).strip(_MENU_STRIP) in sections:
                    run.append(b)
                    continue
            if len(run) >= max(self.min_menu - 1, 2) and len({key(x) for x in run}) == len(run):
                doc.remove_many(run, f"{self.id}/menu", NAV)
            run = []

    def _menu(self, s: str, sections: frozenset[str]) -> bool:
        """Whether the stripped line is ``min_menu`` or more section names (case-folded) and
        separators only, longest names first (at most four tokens each). The rule also wants the
        line shaped like a headline (:func:`~cleancorpus.segment.title_shape`) and of at most
        ``max_menu_words`` tokens: :meth:`apply` tests those first."""
        toks = [fold(t) for t in _SPLIT.split(s) if t and t not in _DASHES]
        names = 0
        i = 0
        while i < len(toks):
            for size in (4, 3, 2, 1):
                if i + size <= len(toks) and " ".join(toks[i:i + size]) in sections:
                    i += size
                    names += 1
                    break
            else:
                return False
        return names >= self.min_menu

    @staticmethod
    def _ui_prefix(k: str, prefixes: tuple[str, ...]) -> bool:
        if not k.startswith(prefixes):
            return False
        bare_follow = False
        if k.endswith(".") or (", " in k and not k.startswith(_LIST_PREFIXES)):
            return False  # prose: "Tải ứng dụng cảnh báo, người dân sẽ nhận được ..."
        for p in prefixes:
            if k.startswith(p):
                if p == "theo dõi":  # weakest: decided after the longer follow-us prefixes
                    bare_follow = True
                elif p.startswith("theo dõi"):
                    return bool(_PLATFORMS.search(k))
                else:
                    return True
        return bare_follow and bool(_PLATFORM_END.search(k))
