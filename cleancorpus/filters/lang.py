"""lang.v1: a cheap per-document language check that sets ``doc.lang`` (it removes nothing).

Counts, over the first ``sample_chars`` characters, the share of letters that only Vietnamese uses
(``ă â đ ê ô ơ ư`` and the tone-marked vowels) and the share of tokens that are frequent function
words of each supported language (``rules/<lang>/stopwords.txt``). Vietnamese wins when its letters
reach ``vi_letters``; otherwise the language whose stop words cover the most tokens, if at least
``min_stopword_share``; otherwise ``default``. A language set before (a JSONL ``lang`` field, a
``--lang`` option) is kept.

Speed: the full count (a regex over every word of the sample) costs more than some noise filters,
so a document is first read only as far as it takes to find enough Vietnamese letters to settle the
question: ``v`` of them in a sample of ``n`` characters, with ``v >= min_letters`` and ``v / n >=
vi_letters``, prove the full count's answer is "vi" (every Vietnamese letter is a letter, so the
sample holds at least ``v`` letters and at most ``n``, and the share can only be higher). One
possessive regex over the start of the sample finds them, in C. A sample that falls short gets the
full count, so the answer is always the full count's.

Why: the noise filters read the lexicon of ``doc.lang`` (cue phrases, credit labels, agencies), so
an English article must be cleaned with the English lexicon and a Vietnamese one with the
Vietnamese lexicon, even when both come through one pipeline.
False-positive risks: a Vietnamese text typed without diacritics and a very short text fall back on
stop words or ``default``; a Vietnamese article quoting long English passages still reads as
Vietnamese when a few percent of its letters are Vietnamese.
"""

from __future__ import annotations

import functools
import math
import re

from cleancorpus.document import Document
from cleancorpus.filters.base import BaseFilter
from cleancorpus.lexicon import load_lexicon

#: Letters used by Vietnamese and (practically) by no other Latin-script language in news text.
VI_LETTERS = frozenset(
    "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ĂÂĐÊÔƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)
_WORD = re.compile(r"[^\W\d_]+")
_VI_CLASS = "".join(sorted(VI_LETTERS))
_VI = re.compile(f"[{_VI_CLASS}]")


@functools.lru_cache(maxsize=128)
def _vi_run(count: int) -> re.Pattern[str]:
    """A pattern that matches the start of a text holding at least ``count`` Vietnamese letters
    (each run of other characters taken possessively: linear, no backtracking)."""
    return re.compile(f"(?:[^{_VI_CLASS}]*+[{_VI_CLASS}]){{{count}}}")


class LangFilter(BaseFilter):
    """Sets ``doc.lang`` from Vietnamese letters and stop-word shares."""

    id = "lang.v1"

    def __init__(self, default: str = "vi", langs: tuple[str, ...] | list[str] = ("vi", "en"),
                 sample_chars: int = 2000, vi_letters: float = 0.03, min_stopword_share: float = 0.12,
                 min_letters: int = 40) -> None:
        super().__init__(default=default, langs=list(langs), sample_chars=sample_chars, vi_letters=vi_letters,
                         min_stopword_share=min_stopword_share, min_letters=min_letters)
        self.default = default
        self.langs = tuple(langs)
        self.sample_chars = sample_chars
        self.vi_letters = vi_letters
        self.min_stopword_share = min_stopword_share
        self.min_letters = min_letters
        #: sample length -> how many Vietnamese letters settle "vi" (None: the full count decides)
        self._enough: dict[int, int | None] = {}

    def enough_vi(self, n: int) -> int | None:
        """The fewest Vietnamese letters that make a sample of ``n`` characters Vietnamese whatever
        the rest holds: at least ``min_letters`` (and one), and a share of ``n`` of at least
        ``vi_letters``, computed with the float division :meth:`detect` uses. None when no count
        up to ``n`` does."""
        if n in self._enough:
            return self._enough[n]
        try:
            v = max(math.ceil(self.min_letters), 1, math.ceil(self.vi_letters * n) - 1)
        except (ValueError, OverflowError):  # a NaN or infinite parameter: the full count decides
            v = n + 1
        while v <= n and not v / n >= self.vi_letters:
            v += 1
        got = v if v <= n else None
        self._enough[n] = got
        return got

    def detect(self, text: str) -> str:
        """The language code of ``text`` (one of ``langs``, or ``default``)."""
        sample = text[: self.sample_chars]
        if "vi" in self.langs:
            need = self.enough_vi(len(sample))
            if need is not None and _vi_run(need).match(sample):
                return "vi"  # the full count would say so too (see the module docstring)
        return self.count(sample)

    def count(self, sample: str) -> str:
        """The decision of the full count over ``sample`` (see the module docstring)."""
        words = _WORD.findall(sample)
        letters = sum(map(len, words))
        if letters < self.min_letters:
            return self.default
        if "vi" in self.langs and len(_VI.findall(sample)) / letters >= self.vi_letters:
            return "vi"
        toks = [t.casefold() for t in words]
        if not toks:
            return self.default
        best, share = self.default, 0.0
        for lang in self.langs:
            stop = load_lexicon(lang).stopwords
            if not stop:
                continue
            s = sum(1 for t in toks if t in stop) / len(toks)
            if s > share:
                best, share = lang, s
        return best if share >= self.min_stopword_share else self.default

    def apply(self, doc: Document) -> None:
        if doc.lang:
            return
        doc.lang = self.detect(doc.raw)
