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
from collections.abc import Callable
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
    return _decoder(kind)(data)


Decoder = Callable[[Any], Any]


@cache
def _decoder(kind: Any) -> Decoder:
    """A function decoding JSON values as ``kind``, made once per type: a cache holds
    hundreds of thousands of values, and working out each one's type from its hints
    again was most of the time a build took to read the cache."""
    if kind is Any:
        return _as_is  # JSON values as they are: nothing else can be in JSON
    if kind is None or kind is type(None):
        return _null
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (Union, types.UnionType):
        return _union(kind, args)
    if origin is list:
        return _list(args[0])
    if origin is tuple:
        return _tuple(args)
    if origin in (set, frozenset):
        item = _lazy(args[0])
        return lambda data: origin(item(x) for x in _array(data))
    if origin is dict:
        return _dict(*args)
    if not isinstance(kind, type):
        return _refuse(f"cannot decode as {kind}")
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        return scalar
    if issubclass(kind, PurePath):
        return lambda data: kind(_check(data, isinstance(data, str), "a path"))
    if issubclass(kind, enum.Enum):
        return _enum(kind)
    if issubclass(kind, (datetime.date, datetime.time)):
        return _date(kind)
    return _refuse(f"cannot decode as {kind.__name__}")


_BUILDING: set[type] = set()  # the dataclasses whose decoders are being made


def _lazy(kind: Any) -> Decoder:
    """``kind``'s decoder; found at its first use when it is a dataclass whose decoder is
    being made (a dataclass that names itself)."""
    if kind not in _BUILDING:
        return _decoder(kind)
    found: list[Decoder] = []

    def decode(data: Any) -> Any:
        if not found:
            found.append(_decoder(kind))
        return found[0](data)

    return decode


def _as_is(data: Any) -> Any:
    return data


def _null(data: Any) -> Any:
    return _check(data, data is None, "null")


def _refuse(message: str) -> Decoder:
    def refuse(data: Any) -> Any:
        raise CodecError(message)

    return refuse


def _union(kind: Any, args: tuple[Any, ...]) -> Decoder:
    nullable = type(None) in args
    options = [_lazy(a) for a in args if a is not type(None)]

    def union(data: Any) -> Any:
        if data is None and nullable:
            return None
        for option in options:
            try:
                return option(data)
            except CodecError:
                continue
        raise CodecError(f"{_short(data)} is none of {kind}")

    return union


def _list(kind: Any) -> Decoder:
    item = _lazy(kind)
    return lambda data: [item(x) for x in _array(data)]


def _tuple(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _lazy(args[0])
        return lambda data: tuple(item(x) for x in _array(data))
    items = [_lazy(a) for a in args]

    def fixed(data: Any) -> Any:
        values = _array(data)
        if len(values) != len(items):
            raise CodecError(f"{len(values)} items where {len(items)} were expected")
        return tuple(d(x) for d, x in zip(items, values, strict=True))

    return fixed


def _dict(key_kind: Any, value_kind: Any) -> Decoder:
    key, value = _lazy(key_kind), _lazy(value_kind)

    def mapping(data: Any) -> Any:
        pairs = list(data.items()) if isinstance(data, dict) else map(_pair, _array(data))
        return {key(k): value(v) for k, v in pairs}

    return mapping


def _dataclass(kind: type) -> Decoder:
    fields = _fields(kind)
    names = {f.name for f in fields}
    hints = _hints(kind)
    _BUILDING.add(kind)
    try:
        decoders = [(f.name, _lazy(hints[f.name])) for f in fields]
    finally:
        _BUILDING.discard(kind)

    def instance(data: Any) -> Any:
        if not isinstance(data, dict):
            raise CodecError(f"{kind.__name__}: an object was expected, not {_short(data)}")
        if data.keys() != names:
            wrong = sorted(set(data) ^ names)
            raise CodecError(f"{kind.__name__}: missing or unknown fields {wrong}")
        return kind(**{name: decode(data[name]) for name, decode in decoders})

    return instance


def _enum(kind: type[enum.Enum]) -> Decoder:
    def member(data: Any) -> Any:
        try:
            return kind(data)
        except ValueError:
            raise CodecError(f"{_short(data)} is not a {kind.__name__}") from None

    return member


def _date(kind: Any) -> Decoder:
    def date(data: Any) -> Any:
        try:
            return kind.fromisoformat(_check(data, isinstance(data, str), "a date"))
        except ValueError:
            raise CodecError(f"{_short(data)} is not a {kind.__name__}") from None

    return date


def _float(data: Any) -> float:
    ok = isinstance(data, (int, float)) and not isinstance(data, bool)
    return float(_check(data, ok, "a number"))


_SCALARS: dict[type, Decoder] = {
    bool: lambda data: _check(data, isinstance(data, bool), "a boolean"),
    int: lambda data: _check(
        data, isinstance(data, int) and not isinstance(data, bool), "an integer"
    ),
    float: _float,
    str: lambda data: _check(data, isinstance(data, str), "a string"),
}


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
