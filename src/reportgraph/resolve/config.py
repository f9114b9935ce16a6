"""The user's word on merges: names that are one thing (``same``) and names that must
never be merged (``different``), in a small YAML or TOML file that ``build --merges``
reads.

    same:
      - [Lee Seo-yeon, Yi Seo-yeon]
    different:
      - [Kim Jong-il, Kim Jong-un]
"""

from __future__ import annotations

import reprlib
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


# A merge config is a short hand-written list; a bigger file is a mistake or an attack.
MAX_CONFIG_BYTES = 1 * 2**20
# Names in one entry: the resolver pairs every two names of a ``different`` entry.
MAX_NAMES = 1000


def load_merges(path: Path | str) -> MergeConfig:
    """Read a merge config; whatever is wrong with it is a ``MergeConfigError`` naming the
    file (never an internal error)."""
    path = Path(path)
    return _config(path, read_config(path, "a merge config"))


def read_config(path: Path, what: str) -> Any:
    """The data of a small hand-written YAML or TOML file (merges, corrections); whatever
    is wrong is a ``MergeConfigError`` naming the file: not UTF-8, over
    ``MAX_CONFIG_BYTES``, YAML aliases (a few hundred bytes of them expand to billions of
    names), nesting too deep."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise MergeConfigError(path, f"cannot read: {exc.strerror or exc}") from exc
    if len(raw) > MAX_CONFIG_BYTES:
        raise MergeConfigError(path, f"larger than {MAX_CONFIG_BYTES // 2**20} MB: not {what}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MergeConfigError(path, f"not UTF-8 text (byte {exc.start})") from exc
    try:
        return _parse(path, text)
    except MergeConfigError:
        raise
    except RecursionError as exc:
        raise MergeConfigError(path, "nested too deep") from exc
    except Exception as exc:  # a parser's own error type; never "internal error"
        raise MergeConfigError(path, f"cannot read ({type(exc).__name__}: {_short(exc)})") from exc


def _config(path: Path, data: Any) -> MergeConfig:
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
    groups: dict[str, set[int]] = {}  # each name of a ``same`` entry -> those entries
    for index, names in enumerate(config.same):
        for name in names:
            groups.setdefault(normal(name), set()).add(index)
    for names in config.different:  # linear in the names, never every pair of them
        first_in: dict[int, str] = {}
        for key in sorted({normal(n) for n in names}):
            for index in sorted(groups.get(key, ())):
                if (other := first_in.setdefault(index, key)) != key:
                    raise MergeConfigError(
                        path, f"'{other}' and '{key}' are listed both as same and as different"
                    )
    return config


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".toml":
        try:
            return tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError) as exc:
            raise MergeConfigError(path, f"not valid TOML: {exc}") from exc
    import yaml

    try:
        return yaml.load(text, Loader=_no_aliases_loader())  # a SafeLoader
    except ValueError as exc:  # a timestamp that is no date: 2004-02-30
        raise MergeConfigError(path, f"not valid YAML: {exc}") from exc
    except Exception as exc:  # yaml.YAMLError without importing yaml at module load
        if type(exc).__module__.startswith("yaml"):
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise MergeConfigError(path, f"not valid YAML: {first}") from exc
        raise


def _no_aliases_loader() -> type:
    """PyYAML's SafeLoader refusing aliases (``*name``): a 426-byte file of nested
    aliases is a billion strings once anything walks it."""
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed", event.start_mark
                )
            return super().compose_node(parent, index)

    return NoAliases


def _short(value: object) -> str:
    """At most 80 characters of ``value``'s repr, for messages."""
    shorter = reprlib.Repr()  # Python 3.11's takes no keyword arguments
    shorter.maxstring, shorter.maxother, shorter.maxlist, shorter.maxlevel = 80, 80, 4, 2
    return shorter.repr(value)


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
                path, f"'{key}' entry {i} must be a list of two or more names, got {_short(names)}"
            )
        if len(names) > MAX_NAMES:
            raise MergeConfigError(
                path, f"'{key}' entry {i} lists {len(names):,} names (at most {MAX_NAMES:,})"
            )
        out.append(tuple(n.strip() for n in names))
    return tuple(out)
