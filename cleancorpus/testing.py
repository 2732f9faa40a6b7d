"""Running the fixture check from your own pytest suite.

One test for a whole folder::

    from cleancorpus.testing import assert_fixtures

    def test_my_fixtures():
        assert_fixtures("tests/fixtures", profile="my-profile.toml")

or one test per fixture, so that a failure names the fixture::

    import pytest
    from cleancorpus.testing import assert_fixture, fixture_params

    @pytest.mark.parametrize("fx", fixture_params("tests/fixtures"))
    def test_fixture(fx):
        assert_fixture(fx, profile="my-profile.toml")

A failure raises :class:`AssertionError` whose message is the same report ``python -m cleancorpus
check`` prints: a unified diff per differing field and the rules involved. Nothing here imports
pytest at module level; :func:`fixture_params` does, when called.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cleancorpus.checks import check_fixture, check_fixtures, format_result, summary
from cleancorpus.fixtures import Fixture, find_fixtures
from cleancorpus.pipeline import Pipeline


def assert_fixtures(path: str | Path, profile: str | Path | None = None) -> int:
    """Check every fixture under ``path``; raise AssertionError with the report if any differs.

    ``profile`` is used for fixtures whose options name none. Returns the number of fixtures
    checked, and fails on a folder that holds none (a wrong path must not pass silently).
    """
    results = check_fixtures(path, profile)
    if not results:
        raise AssertionError(f"{path}: no fixtures found")
    failed = [r for r in results if not r.ok]
    if failed:
        report = "\n".join(format_result(r, root=Path(path)) for r in failed)
        raise AssertionError(f"{summary(results)}\n{report}")
    return len(results)


def assert_fixture(fx: Fixture | str | Path, profile: str | Path | None = None,
                   pipelines: dict[tuple[Any, ...], Pipeline] | None = None) -> None:
    """Check one fixture (a loaded :class:`Fixture` or the path of its file)."""
    if not isinstance(fx, Fixture):
        found = find_fixtures(fx)
        if len(found) != 1:
            raise AssertionError(f"{fx}: expected one fixture file, found {len(found)}")
        fx = found[0]
    res = check_fixture(fx, pipelines, profile)
    if not res.ok:
        raise AssertionError(format_result(res))


def fixture_params(path: str | Path) -> list[Any]:
    """``pytest.param`` objects, one per fixture under ``path``, with the fixture name as id."""
    import pytest

    return [pytest.param(fx, id=fx.name) for fx in find_fixtures(path)]


__all__ = ["assert_fixture", "assert_fixtures", "fixture_params"]
