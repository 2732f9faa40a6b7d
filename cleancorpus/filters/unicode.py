"""unicode.v1: repair broken Unicode without touching correct text.

Removes: zero-width characters, BOM, soft hyphens and control characters. Repairs: mojibake (UTF-8
read as cp1252/latin-1) through ftfy, only on lines a cheap substring check flags, with ftfy's
settings limited to encoding repair (its defaults would uncurl quotes and change clean text);
``Ð`` (U+00D0, Icelandic eth) to ``Đ`` next to Vietnamese letters; the deprecated combining tone
marks U+0340/U+0341 to U+0300/U+0301; NFC composition. With ``tone_style`` ``first`` or ``second``,
the tone of open oa/oe/uy syllables is moved to one convention (``first``: hòa, thủy, khỏe;
``second``: hoà, thuỷ, khoẻ); the default ``preserve`` leaves the text's own style.

Why: NFD or mis-encoded text looks right but breaks matching, dedup and tokenisers.
False-positive risks: removing U+200D also breaks emoji ZWJ sequences (rare in news text);
``Ð`` is kept in text with no Vietnamese letter around it (Icelandic names). ``tone_style`` only
touches words that are valid Vietnamese syllables, so foreign words with the same letters stay.

Pre-checks (with the default ``tone_style``): a few scans of the whole document (printability,
shared with whitespace.v1 through :func:`~cleancorpus.segment.nonprintable_blocks`; the suspect
characters; NFC) find the lines that may need a repair, and only those are looked at.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

from cleancorpus.document import Block, Document
from cleancorpus.filters.base import BaseFilter
from cleancorpus.segment import joined_by_spaces, nonprintable_blocks
from cleancorpus.vietnamese import restyle

#: Substrings that UTF-8 read as cp1252 leaves behind in Vietnamese text (see notes/design.md).
MOJIBAKE_HINTS = ("Ã", "Ä", "Æ", "á»", "áº", "â€", "\ufffd")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u180e]+")
_C0 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_ODD_SPACE = re.compile("[^\\S\n \u00a0]")  # whitespace other than a space or a no-break space
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_ETH = re.compile(r"Ð(?=[a-zA-Zà-ỹÀ-Ỹ])|(?<=[a-zà-ỹ\s])Ð")
#: Words with a toned oa/oe/uy at their end: the only ones whose tone placement has two styles.
_OA_OE_UY = re.compile(r"\w*(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[òóỏõọÒÓỎÕỌ][aeAE]|[uU][ỳýỷỹỵỲÝỶỸỴ]|[ùúủũụÙÚỦŨỤ][yY])(?!\w)")
TONE_STYLES = ("preserve", "first", "second")
#: Printable characters the per-line repairs look for, one per repair or mojibake hint (the last
#: character of a hint: single characters are found fastest); the others, invisible and control
#: characters, are all non-printable.
_PRINTABLE_SUSPECTS = tuple(sorted({"Ð", "\u0340", "\u0341", *(h[-1] for h in MOJIBAKE_HINTS)}))
_DEPRECATED_TONES = str.maketrans({"\u0340": "\u0300", "\u0341": "\u0301"})
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


class UnicodeFilter(BaseFilter):
    """NFC, invisible and control characters, mojibake, ``Ð``, deprecated tone marks."""

    id = "unicode.v1"

    def __init__(self, mojibake: bool = True, nfc: bool = True, tone_style: str = "preserve") -> None:
        if tone_style not in TONE_STYLES:
            raise ValueError(f"unicode.v1: tone_style must be one of {', '.join(TONE_STYLES)}, not {tone_style!r}")
        super().__init__(mojibake=mojibake, nfc=nfc, tone_style=tone_style)
        self.mojibake = mojibake
        self.nfc = nfc
        self.tone_style = tone_style

    def _suspects(self, doc: Document, live: list[Block]) -> list[Block]:
        """The lines that may need a repair (restyling tones needs every line).

        Checks over the whole document first, so that clean text costs a few C scans: invisible and
        control characters are all non-printable, and are what a non-printable line holds besides
        no-break spaces (common in scraped text, and left to whitespace.v1), see
        :func:`~cleancorpus.segment.nonprintable_blocks`; the other repairs need one of a few
        printable characters (``_PRINTABLE_SUSPECTS``), or text that is not NFC. Only the lines of a
        document that fails a check are looked at one by one, for that check.
        """
        if not live:
            return live
        joined = joined_by_spaces(doc, live)
        odd = {b for b in nonprintable_blocks(live, joined) if not b.text.replace("\u00a0", " ").isprintable()}
        hints = any(h in joined for h in _PRINTABLE_SUSPECTS)
        nfc = self.nfc and not unicodedata.is_normalized("NFC", joined)
        if not (odd or hints or nfc):
            return []
        return [b for b in live if b in odd
                or (hints and any(h in b.text for h in _PRINTABLE_SUSPECTS))
                or (nfc and not unicodedata.is_normalized("NFC", b.text))]

    def characters(self, doc: Document, b: Block) -> str:
        """Invisible and control characters out of a line, mojibake repaired; the new text.

        Zero-width characters and C0 controls go first: they can split a mojibake sequence. The
        soft hyphen and the C1 controls stay until ftfy has run, because UTF-8 read as cp1252 or
        Latin-1 makes them ("í" becomes "Ã" + U+00AD, "ề" becomes "á»" + U+0081); then they go."""
        t = b.text
        for rx, rule in ((_ZERO_WIDTH, "invisible"), (_C0, "control")):
            if rx.search(t):
                doc.edit_many(b, [(m.start(), m.end(), "") for m in rx.finditer(t)], f"{self.id}/{rule}")
                t = b.text
        if self.mojibake and any(h in t for h in MOJIBAKE_HINTS):
            # Tabs and odd spaces become plain spaces first (whitespace.v1 would do it later), so
            # that ftfy sees the text a second run would see: the result is stable.
            if _ODD_SPACE.search(t):
                doc.edit_many(b, [(m.start(), m.end(), " ") for m in _ODD_SPACE.finditer(t)], f"{self.id}/space")
                t = b.text
            fixed = ftfy.fix_text(t, _FTFY_CONFIG)
            if fixed != t:
                doc.set_text(b, fixed, f"{self.id}/mojibake")
                t = b.text
        for rx, rule in ((_INVISIBLE, "invisible"), (_CONTROL, "control")):
            if rx.search(t):
                doc.edit_many(b, [(m.start(), m.end(), "") for m in rx.finditer(t)], f"{self.id}/{rule}")
                t = b.text
        return t

    def apply(self, doc: Document) -> None:
        live = doc.live()
        if self.tone_style == "preserve":
            live = self._suspects(doc, live)
        for b in live:
            t = b.text
            if t.isascii() and not _CONTROL.search(t):
                continue
            t = self.characters(doc, b)
            while "Ð" in t and _ETH.search(t):  # repeat: a fixed Đ is context for the next Ð
                doc.edit_many(b, [(m.start(), m.end(), "Đ") for m in _ETH.finditer(t)], f"{self.id}/eth")
                t = b.text
            if "\u0340" in t or "\u0341" in t:
                doc.set_text(b, t.translate(_DEPRECATED_TONES), f"{self.id}/tone-mark")
                t = b.text
            if self.nfc and not unicodedata.is_normalized("NFC", t):
                doc.set_text(b, unicodedata.normalize("NFC", t), f"{self.id}/nfc")
                t = b.text
            if self.tone_style != "preserve":
                for m in reversed(list(_OA_OE_UY.finditer(t))):
                    new = restyle(m.group(), self.tone_style)
                    if new != m.group():
                        doc.edit(b, m.start(), m.end(), new, f"{self.id}/tone-style")
