"""Shared pieces of the built-in filters: the base class and the noise kinds."""

from __future__ import annotations

from typing import Any, ClassVar

from cleancorpus.document import Document
from cleancorpus.lexicon import Lexicon, load_lexicon

# Kinds of noise recorded in ``removed`` (the ``kind`` field).
TITLE = "title"
DATE = "date"
AUTHOR = "author"
AGENCY = "agency"
DATELINE = "dateline"
RELATED = "related"
NAV = "nav"
IMAGE = "image"
CAPTION = "caption"
MEDIA = "media"
LINK = "link"
SHARE = "share"
UI = "ui"
MARKUP = "markup"
WHITESPACE = "whitespace"
DUPLICATE = "duplicate"
BOILERPLATE = "boilerplate"

KINDS = (TITLE, DATE, AUTHOR, AGENCY, DATELINE, RELATED, NAV, IMAGE, CAPTION, MEDIA, LINK, SHARE, UI, MARKUP,
         WHITESPACE, DUPLICATE, BOILERPLATE)


class BaseFilter:
    """Base of the built-in filters: keeps the construction parameters for :meth:`spec` and
    gives access to the language's lexicon. Subclasses set ``id`` and implement ``apply``."""

    id: ClassVar[str] = "base.v0"

    def __init__(self, **params: Any) -> None:
        self._params = params

    def spec(self) -> dict[str, Any]:
        return {"id": self.id, **self._params}

    @staticmethod
    def lexicon(doc: Document, default: str = "vi") -> Lexicon:
        """The lexicon for the document's language (``doc.lang``), falling back to ``default``."""
        return load_lexicon(doc.lang or default)

    def apply(self, doc: Document) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._params.items())
        return f"{type(self).__name__}({args})"
