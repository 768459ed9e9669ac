"""Tavu.io VPS API types: the models it returns and the resource handler classes.

The client itself is :class:`vpsclient.TavuClient`.
"""

from . import _native

_PREFIX = "Tavu_"

for _name in dir(_native):
    if _name.startswith(_PREFIX):
        globals()[_name[len(_PREFIX):]] = getattr(_native, _name)

__all__ = sorted(name[len(_PREFIX):] for name in dir(_native) if name.startswith(_PREFIX))

del _name
