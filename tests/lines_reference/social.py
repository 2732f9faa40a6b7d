"""Reference copy (main at 2551ac7, see the package docstring). social.v1: share-button residue, page-interface lines and breadcrumbs.

Removes whole lines that are:
- social icon rows as they survive scraping: every token a share token (``fb yt zl tw``,
  ``Facebook Twitter Zalo``, ``Chia sẻ``): kind ``share``;
- interface strings (``Bình luận``, ``Tăng cỡ chữ``, ``In bài``, ``Trở lại đầu trang``) matched on
  the whole line, and short lines starting with a tag, copyright or follow-us label (``Từ khóa:``,
  ``© 2024 ...``, ``Theo dõi Báo X trên Google News``): kind ``ui``;
- breadcrumbs: three or more short segments joined by ``>``, ``»``, ``›`` or ``|``: kind ``nav``.

Why: interface text repeats on every page of a site and teaches a model nothing.
False-positive risks: a body line that is exactly an interface string ("Bình luận" as a one-word
heading) is removed; prefix rules only fire on lines of at most ``max_words`` tokens, and "Theo dõi"
lines only when they name a platform.
"""

from __future__ import annotations

import re

from cleancorpus.document import Document
from cleancorpus.filters.base import NAV, SHARE, UI, BaseFilter
from cleancorpus.filters.social import _LIST_PREFIXES, _MARKS, _MENU_STRIP, _table_neighbour, _table_row
from cleancorpus.filters.social import SocialFilter as _Current
from cleancorpus.lexicon import Lexicon
from cleancorpus.segment import _title_shape
from tests.lines_reference.segment import key, stripped, words

_SEP = r"[\s|·•/,;]"
_SPLIT = re.compile(_SEP + "+")
_CRUMB = re.compile(r"\s*(?:>|»|›|\|)\s*")
_PLATFORMS = re.compile(r"google news|zalo|facebook|youtube|tiktok|twitter|instagram|telegram", re.IGNORECASE)
# Deliberate changes after 3309710: counter lines, and a bare "theo dõi" start with the platform at the end.
_PLATFORM_END = re.compile(r"(?:google news|zalo|facebook|youtube|tiktok|twitter|instagram|telegram)\W*$",
                           re.IGNORECASE)
_COUNT = r"[(\[]?\d[\d.,]*\s*[km]?\+?[)\]]?"


class SocialFilter(BaseFilter):
    """Share icon rows, interface strings, breadcrumbs."""

    id = "social.v1"

    def __init__(self, max_words: int = 20, min_menu: int = 4, max_menu_words: int = 40) -> None:
        super().__init__(max_words=max_words, min_menu=min_menu, max_menu_words=max_menu_words)
        self.max_words = max_words
        self.min_menu = min_menu  # deliberate change after 3309710: flattened menus
        self.max_menu_words = max_menu_words
        self._share_rx: dict[str, re.Pattern[str]] = {}

    def _share_row(self, lex: Lexicon) -> re.Pattern[str]:
        """A pre-check for share rows: the whole key made of share tokens and separators (one
        anchored match that fails on the first character of almost every line)."""
        rx = self._share_rx.get(lex.lang)
        if rx is None:
            toks = sorted((t for t in lex.share_tokens if t and not _SPLIT.search(t)), key=len, reverse=True)
            alts = "|".join(re.escape(t) for t in toks) or "(?!)"
            rx = self._share_rx[lex.lang] = re.compile(rf"{_SEP}*(?:(?:{alts})(?:{_SEP}+|$))+")
        return rx

    def apply(self, doc: Document) -> None:
        lex = self.lexicon(doc)
        share_rx = self._share_row(lex)
        for b in doc.blocks:
            if b.status != "kept":
                continue
            n = words(b)
            # Deliberate change after 3309710: flattened menus (the current rule, without its pre-checks).
            s = stripped(b)
            if (s and _title_shape(s) and self.min_menu <= n <= self.max_menu_words
                    and _Current._menu(self, s, lex.menu_sections)):  # type: ignore[arg-type]
                doc.remove(b, f"{self.id}/menu", NAV)
                continue
            if n > self.max_words:
                continue
            k = key(b)
            # deliberate change after 3309710: a leading mark ("▶ Xem video")
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
            alts = "|".join(re.escape(c) for c in sorted(lex.ui_counters, key=len, reverse=True)) or "(?!)"
            item = rf"(?:(?:{alts})\s*:?\s*{_COUNT}|{_COUNT}\s*(?:{alts}))"
            if re.fullmatch(rf"{item}(?:\s*[|·•,/;–-]?\s*{item})*", k):
                doc.remove(b, f"{self.id}/counter", UI)
                continue
            s = stripped(b)
            if ">" in s or "»" in s or "›" in s or "|" in s:
                parts = [p for p in _CRUMB.split(s) if p]
                if (len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts) and s[-1] not in ".…"
                        and not _table_row(s, parts)  # deliberate change after 3309710: table rows
                        and not _table_neighbour(doc.blocks, b.index, s.count("|"))):
                    doc.remove(b, f"{self.id}/breadcrumb", NAV)
        # Deliberate change after 3309710: a menu printed one section per line.
        run: list = []
        for b in [*doc.blocks, None]:
            if b is not None and b.status != "kept":
                continue
            if b is not None and words(b) <= 4 and key(b).strip(_MENU_STRIP) in lex.menu_sections:
                run.append(b)
                continue
            if len(run) >= max(self.min_menu - 1, 2) and len({key(x) for x in run}) == len(run):
                doc.remove_many(run, f"{self.id}/menu", NAV)
            run = []

    @staticmethod
    def _ui_prefix(k: str, prefixes: tuple[str, ...]) -> bool:
        if not k.startswith(prefixes):
            return False
        bare_follow = False
        if k.endswith(".") or (", " in k and not k.startswith(_LIST_PREFIXES)):  # deliberate change after 3309710
            return False
        for p in prefixes:
            if k.startswith(p):
                if p == "theo dõi":
                    bare_follow = True
                elif p.startswith("theo dõi"):
                    return bool(_PLATFORMS.search(k))
                else:
                    return True
        return bare_follow and bool(_PLATFORM_END.search(k))
