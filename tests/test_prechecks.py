"""Fast pre-checks in filters must never skip a line the full check would take."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cleancorpus.filters.social import _SPLIT, SocialFilter
from cleancorpus.lexicon import load_lexicon

LEX = load_lexicon("vi")
TOKENS = sorted(LEX.share_tokens)
SEPS = [" ", " | ", "/", ", ", " · ", ";", "  "]


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=8), st.lists(st.sampled_from(SEPS), min_size=8, max_size=8),
       st.sampled_from(["", " ", "| "]))
def test_share_row_precheck_accepts_every_share_row(toks, seps, lead) -> None:
    line = lead + "".join(t + s for t, s in zip(toks, seps, strict=False)).rstrip()
    pieces = [t for t in _SPLIT.split(line) if t]
    if all(t in LEX.share_tokens for t in pieces):
        assert SocialFilter()._share_row(LEX).fullmatch(line)
