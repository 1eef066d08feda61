"""Custom GraphQL scalars and the map the schema is built with. `Fen`: money in the currency's minor unit,
64-bit safe where GraphQL's `Int` stops at 2^31 − 1 (¥21,474,836.47)."""
from __future__ import annotations

import re
from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

Fen = NewType("Fen", int)

# A JSON number is exact in every client (JavaScript's Number included) up to 2^53 − 1; that is the range,
# far above any amount we accept (a bonus pool stops at 10^12 fen). Outside it we refuse rather than round.
MAX_SAFE = 2**53 - 1
_DIGITS = re.compile(r"-?[0-9]{1,16}")


def _checked(value: int) -> int:
    if not -MAX_SAFE <= value <= MAX_SAFE:
        raise ValueError(f"Fen must lie within ±{MAX_SAFE}.")
    return value


def serialize_fen(value: object) -> int:
    """Always a JSON integer number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Fen must be an int, not {type(value).__name__}.")
    return _checked(value)


def parse_fen(value: object) -> Fen:
    """An integer JSON number or a string of decimal digits (for clients holding a BigInt); never a fraction."""
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return Fen(_checked(int(value.strip())))
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("Fen is a whole number of the minor unit (a number or a string of digits).")
    return Fen(_checked(value))


FEN_SCALAR = strawberry.scalar(
    name="Fen",
    description="Money as a whole number of the currency's minor unit (fen for CNY). Sent as a JSON number, "
                "exact within ±(2^53 − 1); inputs also accept a string of digits. Unlike Int it is not capped at "
                "2^31 − 1.",
    serialize=serialize_fen, parse_value=parse_fen)

SCALAR_MAP: dict[object, ScalarDefinition] = {Fen: FEN_SCALAR}
