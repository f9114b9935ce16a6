"""Plain dataclasses to JSON values and back, guided by their type hints.

The extraction cache stores ``Annotated`` documents with this instead of pickle: decoding
builds only the types the hints name (dataclasses, lists, tuples, dicts, paths, enums,
dates, scalars), so a file planted in the cache can give wrong data but never run code.
Decoding is strict: a missing or unknown field, or a value of the wrong type, raises
``CodecError``, so a foreign or damaged entry is refused rather than half read.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import types
import typing
from functools import cache
from pathlib import PurePath
from typing import Any, TypeVar, Union

T = TypeVar("T")


class CodecError(ValueError):
    """A value that does not fit the type it is encoded or decoded as."""


def encode(value: Any) -> Any:
    """``value`` as JSON values: dataclasses become objects of their fields, tuples and
    sets become lists (sets sorted, so equal sets give equal JSON), dicts with keys other
    than strings become lists of pairs; paths, enums and dates become strings."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in _fields(type(value))}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((encode(item) for item in value), key=_order)
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: encode(item) for key, item in value.items()}
        return [[encode(key), encode(item)] for key, item in value.items()]
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, enum.Enum):
        return encode(value.value)
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    raise CodecError(f"cannot encode a {type(value).__name__}")


def decode(kind: type[T], data: Any) -> T:
    """The value of type ``kind`` that ``encode`` turned into ``data``."""
    return typing.cast(T, _decode(kind, data))


def _decode(kind: Any, data: Any) -> Any:
    if kind is Any:
        return data  # JSON values as they are: nothing else can be in JSON
    if kind is None or kind is type(None):
        return _check(data, data is None, "null")
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (Union, types.UnionType):
        if data is None and type(None) in args:
            return None
        for option in (a for a in args if a is not type(None)):
            try:
                return _decode(option, data)
            except CodecError:
                continue
        raise CodecError(f"{_short(data)} is none of {kind}")
    if origin is list:
        return [_decode(args[0], item) for item in _array(data)]
    if origin is tuple:
        items = _array(data)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in items)
        if len(items) != len(args):
            raise CodecError(f"{len(items)} items where {len(args)} were expected")
        return tuple(_decode(a, item) for a, item in zip(args, items, strict=True))
    if origin in (set, frozenset):
        return origin(_decode(args[0], item) for item in _array(data))
    if origin is dict:
        key_kind, value_kind = args
        if isinstance(data, dict):
            pairs = list(data.items())
        else:
            pairs = [_pair(item) for item in _array(data)]
        return {_decode(key_kind, k): _decode(value_kind, v) for k, v in pairs}
    if not isinstance(kind, type):
        raise CodecError(f"cannot decode as {kind}")
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind, data)
    if kind is bool:
        return _check(data, isinstance(data, bool), "a boolean")
    if kind is int:
        return _check(data, isinstance(data, int) and not isinstance(data, bool), "an integer")
    if kind is float:
        ok = isinstance(data, (int, float)) and not isinstance(data, bool)
        return float(_check(data, ok, "a number"))
    if kind is str:
        return _check(data, isinstance(data, str), "a string")
    if issubclass(kind, PurePath):
        return kind(_check(data, isinstance(data, str), "a path"))
    if issubclass(kind, enum.Enum):
        try:
            return kind(data)
        except ValueError:
            raise CodecError(f"{_short(data)} is not a {kind.__name__}") from None
    if issubclass(kind, (datetime.date, datetime.time)):
        try:
            return kind.fromisoformat(_check(data, isinstance(data, str), "a date"))
        except ValueError:
            raise CodecError(f"{_short(data)} is not a {kind.__name__}") from None
    raise CodecError(f"cannot decode as {kind.__name__}")


def _dataclass(kind: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise CodecError(f"{kind.__name__}: an object was expected, not {_short(data)}")
    fields = _fields(kind)
    names = {f.name for f in fields}
    if set(data) != names:
        wrong = sorted(set(data) ^ names)
        raise CodecError(f"{kind.__name__}: missing or unknown fields {wrong}")
    hints = _hints(kind)
    values = {f.name: _decode(hints[f.name], data[f.name]) for f in fields}
    return kind(**values)


@cache
def _fields(kind: type) -> tuple[dataclasses.Field[Any], ...]:
    """The fields ``__init__`` takes: those are all a dataclass here may have, so that
    decoding can call it (a field outside ``__init__`` would be lost)."""
    fields = dataclasses.fields(kind)
    if any(not f.init for f in fields):
        raise CodecError(f"{kind.__name__} has fields outside __init__")
    return fields


@cache
def _hints(kind: type) -> dict[str, Any]:
    """The field types, resolved (``from __future__ import annotations`` makes them text)."""
    return typing.get_type_hints(kind)


def _array(data: Any) -> list[Any]:
    return typing.cast(list[Any], _check(data, isinstance(data, list), "an array"))


def _pair(item: Any) -> tuple[Any, Any]:
    if not (isinstance(item, list) and len(item) == 2):
        raise CodecError(f"{_short(item)} is not a [key, value] pair")
    return item[0], item[1]


def _check(data: Any, ok: bool, what: str) -> Any:
    if not ok:
        raise CodecError(f"{_short(data)} is not {what}")
    return data


def _short(data: Any) -> str:
    text = repr(data)
    return text if len(text) <= 40 else text[:37] + "..."


def _order(item: Any) -> tuple[str, str]:
    """Sort key for a set's encoded items, whatever their JSON type."""
    return type(item).__name__, repr(item)
