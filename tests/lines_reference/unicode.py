"""Reference copy (main at 2551ac7, see the package docstring). unicode.v1: repair broken Unicode without touching correct text.

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
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

from cleancorpus.document import Document
from cleancorpus.filters.base import BaseFilter
from cleancorpus.filters.unicode import UnicodeFilter as _Current
from cleancorpus.vietnamese import restyle

#: Substrings that UTF-8 read as cp1252 leaves behind in Vietnamese text (see notes/design.md).
MOJIBAKE_HINTS = ("Ã", "Ä", "Æ", "á»", "áº", "â€", "\ufffd")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]+")
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

    def apply(self, doc: Document) -> None:
        live = doc.live()
        # Pre-checks over the whole document: clean text costs a few C scans, not eight per line.
        # Invisible and control characters are all non-printable. (Restyling tones needs every line.)
        gate = self.tone_style == "preserve"
        odd = hints = nfc = True
        if gate:
            joined = " ".join(b.text for b in live)
            odd = not joined.isprintable()
            hints = any(h in joined for h in _PRINTABLE_SUSPECTS)
            nfc = self.nfc and not unicodedata.is_normalized("NFC", joined)
            if not (odd or hints or nfc):
                return
        for b in live:
            t = b.text
            if t.isascii() and not _CONTROL.search(t):
                continue
            if gate and ((not odd or t.isprintable()) and (not hints or not any(h in t for h in _PRINTABLE_SUSPECTS))
                         and (not nfc or unicodedata.is_normalized("NFC", t))):
                continue
            # Deliberate change after 3309710: invisible and control characters and mojibake by the
            # current filter's own line step (soft hyphens and C1 controls after ftfy).
            t = _Current.characters(self, doc, b)  # type: ignore[arg-type]
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
