"""Registry of versioned filter ids (``related.v1``) and loading of TOML profiles.

A filter id names a behaviour, not a class: when a filter's decisions change, it gets a new version
(``related.v2``) and the old id keeps working, so a profile pinned to ``related.v1`` keeps producing
the same corpus. :func:`default_registry` returns a fresh registry holding the built-in filters;
add your own with :meth:`Registry.register`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from cleancorpus.pipeline import Filter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Factory = Callable[..., Filter]


class UnknownFilterError(KeyError):
    """Raised for a filter id that is not registered; the message lists the known ids."""

    def __init__(self, fid: str, known: Iterable[str]) -> None:
        self.fid = fid
        self.known = sorted(known)
        super().__init__(fid)

    def __str__(self) -> str:
        return f"unknown filter id {self.fid!r}; known ids: {', '.join(self.known)}"


class Registry:
    """Maps versioned filter ids to factories (usually filter classes)."""

    def __init__(self, entries: Mapping[str, Factory] | None = None) -> None:
        self._entries: dict[str, Factory] = dict(entries or {})

    def register(self, fid: str, factory: Factory, *, replace: bool = False) -> None:
        """Register ``factory`` under ``fid`` (``name.vN``)."""
        name, dot, version = fid.rpartition(".")
        if not dot or not name or not version.startswith("v") or not version[1:].isdigit():
            raise ValueError(f"filter id {fid!r} must look like 'name.vN'")
        if fid in self._entries and not replace:
            raise ValueError(f"filter id {fid!r} is already registered")
        self._entries[fid] = factory

    def create(self, fid: str, **params: Any) -> Filter:
        """Build the filter registered as ``fid`` with ``params``."""
        try:
            factory = self._entries[fid]
        except KeyError:
            raise UnknownFilterError(fid, self._entries) from None
        try:
            return factory(**params)
        except TypeError as exc:
            raise ValueError(f"bad parameters for filter {fid!r}: {exc}") from exc

    def ids(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, fid: object) -> bool:
        return fid in self._entries


def default_registry() -> Registry:
    """A new registry with every built-in filter."""
    from cleancorpus.filters import BUILTIN

    return Registry(dict(BUILTIN))


def load_profile(path: str | Path) -> dict[str, Any]:
    """Read a TOML profile. ``path`` may name a bundled profile (``vi-news``) or a file."""
    p = Path(path)
    if p.suffix != ".toml" and not p.exists():
        data = resources.files("cleancorpus.profiles").joinpath(f"{path}.toml").read_text(encoding="utf-8")
        where = f"bundled profile {path!r}"
    else:
        data = p.read_text(encoding="utf-8")
        where = str(p)
    try:
        spec = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{where}: invalid TOML: {exc}") from exc
    if not isinstance(spec.get("filters"), list):
        raise ValueError(f"{where}: a profile needs a [[filters]] list")
    return spec


def bundled_profiles() -> list[str]:
    return sorted(
        f.name.removesuffix(".toml")
        for f in resources.files("cleancorpus.profiles").iterdir()
        if f.name.endswith(".toml")
    )
