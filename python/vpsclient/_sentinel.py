"""The NOT_GIVEN sentinel: tells "leave this field out" apart from "send null"."""

from __future__ import annotations

MYPY = False
if MYPY:  # for type checkers only: importing typing costs a third of the import time
    from typing import Any

__all__ = ["NOT_GIVEN", "NotGiven"]


class NotGiven(str):
    """Type of :data:`NOT_GIVEN`.

    Optional body fields default to ``NOT_GIVEN``: a field left at it is not sent at all, while
    ``None`` is sent as JSON ``null`` (which clears a field such as a subnet's ``gateway_ip``).
    Pass ``NOT_GIVEN`` explicitly when forwarding arguments that may be unset.

    It derives from ``str`` only so that ``inspect.signature``, ``help()`` and Jupyter can show
    it as the default of the compiled methods (they accept only plain constants there); it is
    false, and equal to nothing but itself.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls, "NOT_GIVEN")
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return other is self

    def __ne__(self, other: object) -> bool:
        return other is not self

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> Any:
        return (NotGiven, ())


NOT_GIVEN = NotGiven()
"""The value of an optional keyword argument that was not given."""
