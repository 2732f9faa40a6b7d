from __future__ import annotations

from pathlib import Path

import pytest

import cleancorpus

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pipe() -> cleancorpus.Pipeline:
    return cleancorpus.default_pipeline()


@pytest.fixture(scope="session")
def body_pipe() -> cleancorpus.Pipeline:
    """The default pipeline for inputs without a title line."""
    return cleancorpus.default_pipeline(**{"header.v1": {"title_line": False}})
