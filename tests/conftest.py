from __future__ import annotations

import os
from pathlib import Path

import pytest

import cleancorpus
from cleancorpus.lexicon import CACHE_ENV

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _word_list_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The typo filters' word-list cache (:mod:`cleancorpus.lexicon`) in a folder of this test run,
    unless the environment names one: the tests neither read nor leave files in the user's cache."""
    os.environ.setdefault(CACHE_ENV, str(tmp_path_factory.mktemp("cleancorpus-cache")))


@pytest.fixture(scope="session")
def pipe() -> cleancorpus.Pipeline:
    return cleancorpus.default_pipeline()


@pytest.fixture(scope="session")
def body_pipe() -> cleancorpus.Pipeline:
    """The default pipeline for inputs without a title line."""
    return cleancorpus.default_pipeline(**{"header.v1": {"title_line": False}})
