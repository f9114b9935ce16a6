"""The user's word on merges: names that are one thing (``same``) and names that must
never be merged (``different``), in a small YAML or TOML file that ``build --merges``
reads.

    same:
      - [Lee Seo-yeon, Yi Seo-yeon]
    different:
      - [Kim Jong-il, Kim Jong-un]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from reportgraph.errors import ReportgraphError
from reportgraph.resolve.names import normal


class MergeConfigError(ReportgraphError):
    """A merge config that cannot be read; names the file and the problem."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class MergeConfig:
    same: tuple[tuple[str, ...], ...] = ()
    different: tuple[tuple[str, ...], ...] = ()

    def forbidden(self) -> set[frozenset[str]]:
        """Pairs of normalized names that must stay apart."""
        return {
            frozenset((normal(a), normal(b)))
            for names in self.different
            for a, b in combinations(names, 2)
            if normal(a) != normal(b)
        }


def load_merges(path: Path | str) -> MergeConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MergeConfigError(path, f"cannot read: {exc.strerror or exc}") from exc
    data = _parse(path, text)
    if data is None:
        return MergeConfig()
    if not isinstance(data, dict):
        raise MergeConfigError(path, "expected 'same:' and/or 'different:' lists")
    unknown = sorted(set(data) - {"same", "different"})
    if unknown:
        raise MergeConfigError(path, f"unknown key {unknown[0]!r} (expected 'same' or 'different')")
    config = MergeConfig(
        same=_groups(path, "same", data.get("same")),
        different=_groups(path, "different", data.get("different")),
    )
    together = {
        frozenset((normal(a), normal(b)))
        for names in config.same
        for a, b in combinations(names, 2)
    }
    clash = together & config.forbidden()
    if clash:
        a, b = sorted(next(iter(clash)))
        raise MergeConfigError(path, f"'{a}' and '{b}' are listed both as same and as different")
    return config


def _parse(path: Path, text: str) -> Any:
    try:
        if path.suffix.lower() == ".toml":
            return tomllib.loads(text)
        import yaml

        return yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise MergeConfigError(path, f"not valid TOML: {exc}") from exc
    except Exception as exc:  # yaml.YAMLError without importing yaml at module load
        if type(exc).__module__.startswith("yaml"):
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise MergeConfigError(path, f"not valid YAML: {first}") from exc
        raise


def _groups(path: Path, key: str, value: Any) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise MergeConfigError(path, f"'{key}' must be a list of lists of names")
    out = []
    for i, names in enumerate(value, 1):
        if (
            not isinstance(names, list)
            or len(names) < 2
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            raise MergeConfigError(
                path, f"'{key}' entry {i} must be a list of two or more names, got {names!r}"
            )
        out.append(tuple(n.strip() for n in names))
    return tuple(out)
