"""The golden seed records: every field, captions included, reproduced exactly."""

from __future__ import annotations

import pytest

from cleancorpus.fixtures import FIELDS, clean_fixture, differences, find_fixtures
from tests.conftest import ROOT

SEEDS = find_fixtures(ROOT / "fixtures" / "seeds")


def test_every_seed_has_a_fixture() -> None:
    assert sorted(fx.name for fx in SEEDS) == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


@pytest.mark.parametrize("fx", SEEDS, ids=[fx.name for fx in SEEDS])
def test_seed_matches_gold(fx) -> None:
    assert set(fx.expected) == set(FIELDS)
    record, _ = clean_fixture(fx)
    assert differences(fx, record) == {}


@pytest.mark.parametrize("fx", SEEDS, ids=[fx.name for fx in SEEDS])
def test_trace_offsets_point_into_the_input(fx) -> None:
    """Every whole-line removal's offsets select its text in the input, once the fixes recorded inside
    that span (typo repairs, for instance) are applied (and modulo whitespace fixes)."""
    record, doc = clean_fixture(fx)
    for r in record["removed"]:
        span = doc.raw[r["start"]:r["end"]]
        for f in sorted(record["fixes"], key=lambda f: f["start"], reverse=True):
            if r["start"] <= f["start"] and f["end"] <= r["end"] and f["rule"].split("/")[0] != "whitespace.v1":
                a, b = f["start"] - r["start"], f["end"] - r["start"]
                span = span[:a] + f["after"] + span[b:]
        assert " ".join(span.split()) == " ".join(r["text"].split()) or r["text"] in span or span in r["text"], r
