"""boilerplate.v1: corpus-learned noise (two-pass mode): repeated lines and links to known titles.

Needs a :class:`cleancorpus.corpus.CorpusStats` built in a first pass over the same documents
(``python -m cleancorpus clean --two-pass``, or ``CorpusStats.build(docs)`` in the library). Removes:

- a line (of at least ``min_words`` words) that occurs in at least ``min_docs`` documents of the
  same source (kind ``boilerplate``, rule ``repeated-line``); inside a long paragraph, a sentence
  that does (rule ``repeated-sentence``);
- the longest ending of the last paragraph (``ending_min_words`` words or more, starting with a
  capital) that ends at least ``min_docs`` documents of the source: a promotional line the scraper
  glued onto every article (rule ``repeated-ending``);
- a headline-shaped line (not the document's own title) that equals the title of another document
  of the corpus: a link to that article (kind ``related``, rule ``known-title``).

Without stats the filter does nothing. Decisions are recorded like any other removal.
Why: furniture that no cue word marks still gives itself away by repeating across a site's pages.
False-positive risks: a sentence that really recurs in ``min_docs`` articles of one source (a
standard legal notice inside the article, a quote repeated across follow-up stories) is removed;
a subheading that happens to equal another article's title is removed. Raise ``min_docs`` for
small corpora of one story.
"""

from __future__ import annotations

import re
from typing import Any

from cleancorpus.document import Document
from cleancorpus.filters.base import BOILERPLATE, RELATED, BaseFilter
from cleancorpus.segment import is_titlelike, key, words

_TOKEN = re.compile(r"\S+")


class BoilerplateFilter(BaseFilter):
    """Lines, sentences and endings repeated across a source; lines equal to other articles' titles."""

    id = "boilerplate.v1"

    def __init__(self, stats: Any = None, min_docs: int = 5, min_words: int = 4, titles: bool = True,
                 min_title_words: int = 4) -> None:
        super().__init__(min_docs=min_docs, min_words=min_words, titles=titles, min_title_words=min_title_words)
        self.stats = stats
        self.min_docs = min_docs
        self.min_words = min_words
        self.titles = titles
        self.min_title_words = min_title_words

    def apply(self, doc: Document) -> None:
        st = self.stats
        if st is None:
            return
        from cleancorpus.corpus import endings, sentences, source_key

        src = source_key(doc)
        live = doc.live()
        own_title = key_of(doc.title) if doc.title else None
        for b in live:
            n = words(b)
            if n >= self.min_words and st.count(src, b.text) >= self.min_docs:
                doc.remove(b, f"{self.id}/repeated-line", BOILERPLATE)
                continue
            if (self.titles and n >= self.min_title_words and is_titlelike(b) and key(b) != own_title
                    and b.index > 0 and st.is_title(b.text)):
                doc.remove(b, f"{self.id}/known-title", RELATED)
                continue
            if len(b.text) > 200:
                pos = 0
                cuts = []
                for s in sentences(b.text):
                    start = b.text.find(s, pos)
                    pos = start + len(s)
                    if len(s.split()) >= self.min_words and st.count(src, s) >= self.min_docs:
                        cuts.append((start, pos))
                for s_, e_ in reversed(cuts):
                    e2 = e_
                    while e2 < len(b.text) and b.text[e2].isspace():
                        e2 += 1
                    doc.edit(b, s_, e2, "", f"{self.id}/repeated-sentence", kind=BOILERPLATE)
        live = doc.live()
        if len(live) < 1:
            return
        last = live[-1]
        best = 0
        toks = last.text.split()
        for n, k in endings(last.text, st.ending_min_words, st.ending_max_words):
            if toks[-n][:1].isupper() and st.ending_count(src, k) >= self.min_docs:
                best = n
        if best:
            spans = list(_TOKEN.finditer(last.text))
            pos = spans[-best].start()
            while pos > 0 and last.text[pos - 1].isspace():
                pos -= 1
            if pos > 0:
                doc.edit(last, pos, len(last.text), "", f"{self.id}/repeated-ending", kind=BOILERPLATE)


def key_of(text: str) -> str:
    from cleancorpus.segment import norm_key

    return norm_key(text)
