"""The built-in filters, grouped by the noise they handle.

``BUILTIN`` maps every versioned filter id to its class; :func:`cleancorpus.registry.default_registry`
builds a registry from it.
"""

from __future__ import annotations

from cleancorpus.filters.boilerplate import BoilerplateFilter
from cleancorpus.filters.byline import BylineFilter
from cleancorpus.filters.caption import CaptionFilter
from cleancorpus.filters.header import HeaderFilter
from cleancorpus.filters.inline import InlineFilter
from cleancorpus.filters.lang import LangFilter
from cleancorpus.filters.markdown import MarkdownFilter
from cleancorpus.filters.media import MediaFilter
from cleancorpus.filters.related import RelatedFilter
from cleancorpus.filters.social import SocialFilter
from cleancorpus.filters.tags import TagsFilter
from cleancorpus.filters.typos import DiacriticFilter, ResidueFilter
from cleancorpus.filters.unicode import UnicodeFilter
from cleancorpus.filters.whitespace import WhitespaceFilter

BUILTIN: tuple[tuple[str, type], ...] = tuple(
    (cls.id, cls)
    for cls in (
        LangFilter,
        TagsFilter,
        UnicodeFilter,
        WhitespaceFilter,
        MarkdownFilter,
        ResidueFilter,
        DiacriticFilter,
        HeaderFilter,
        MediaFilter,
        SocialFilter,
        CaptionFilter,
        RelatedFilter,
        BylineFilter,
        InlineFilter,
        BoilerplateFilter,
    )
)

__all__ = [
    "BUILTIN",
    "BoilerplateFilter",
    "BylineFilter",
    "CaptionFilter",
    "DiacriticFilter",
    "HeaderFilter",
    "InlineFilter",
    "LangFilter",
    "MarkdownFilter",
    "MediaFilter",
    "RelatedFilter",
    "ResidueFilter",
    "SocialFilter",
    "TagsFilter",
    "UnicodeFilter",
    "WhitespaceFilter",
]
