"""Tavu.io VPS API types: the models it returns and the resource handler classes.

The client itself is :class:`vpsclient.TavuClient`.
"""

from . import _provider

_CLASSES = _provider.export(globals(), "Tavu_")

_SHAPES = ("AllocationPoolDict", "RouteDict")

__getattr__ = _provider.lazy_shapes(__name__, _SHAPES)

__all__ = sorted(_CLASSES + list(_SHAPES))

