"""How models, lists of models and waiters show themselves in notebooks and terminals.

Pure Python, no dependencies: the compiled model classes and the handlers call into it.

- :func:`model_html` is every model's ``_repr_html_``: a small field/value table.
- :func:`model_rich_repr` is every model's ``__rich_repr__``.
- :class:`ResourceList` is the ``list`` that list operations return: a table in a notebook,
  ``to_dicts()`` and ``to_pandas()`` anywhere, and otherwise an ordinary list.
- :class:`Progress` reports a waiter's polls, as chosen by its ``progress=`` argument.

Every value shown in HTML is escaped: names come from users and servers. Secret fields are
masked as ``'***'``, as the models' ``repr`` does.
"""

from __future__ import annotations

import abc
import html
import importlib
import sys
import time
from typing import (
    Any,
    Callable,
    ClassVar,
    Dict,
    Iterable,
    Iterator,
    List,
    Optional,
    SupportsIndex,
    TextIO,
    Tuple,
    TypeVar,
    Union,
    overload,
)

__all__ = ["model_html", "model_rich_repr", "ResourceList", "Progress", "ProgressCallback"]

_T = TypeVar("_T")

#: What a waiter's ``progress=`` argument may be besides ``None``, ``True`` and ``False``: a
#: function called on every poll with ``(id, state, elapsed_seconds)``.
ProgressCallback = Callable[[str, Optional[str], float], object]

# --- Secrets -----------------------------------------------------------------------------------

# The fields the models' repr masks (SECRET_FIELDS in src/python/convert.rs) ...
_SECRET_NAMES = frozenset({"password", "private_key", "token"})
# ... and, to be safe with fields added later, any name containing one of these.
_SECRET_PARTS = ("password", "secret", "token", "private_key", "api_key")
_MASK = "***"


def _is_secret(name: str, value: Any) -> bool:
    """Whether the value of field `name` must be shown as ``***``.

    A None is shown as None (there is nothing to hide), and a bool under a merely
    secret-sounding name (Tavu's ``disable_password``) is a setting, not a secret.
    """
    if value is None:
        return False
    lowered = name.lower()
    if lowered in _SECRET_NAMES:
        return True
    return not isinstance(value, bool) and any(part in lowered for part in _SECRET_PARTS)


def _masked(value: Any) -> Any:
    """A copy of a JSON value with the secrets of every nested object replaced by ``***``."""
    if isinstance(value, dict):
        return {k: (_MASK if _is_secret(str(k), v) else _masked(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value


# --- Short text for values ------------------------------------------------------------------------

_SCALARS = (str, int, float, bool)
# How many items of a list, and characters of a string, a cell shows.
_LIST_ITEMS = 3
_MODEL_TEXT = 200
_CELL_TEXT = 60
_NONE_HTML = '<span style="opacity:.55">None</span>'


def _is_model(obj: Any) -> bool:
    """Models are the objects with a ``to_dict()`` method (and are not classes themselves)."""
    return not isinstance(obj, type) and callable(getattr(obj, "to_dict", None))


def _model_dict(obj: Any) -> Optional[Dict[str, Any]]:
    """``obj.to_dict()``, or None when `obj` is no model or its ``to_dict`` gives no dict."""
    if not _is_model(obj):
        return None
    try:
        fields = obj.to_dict()
    except Exception:
        return None
    return fields if isinstance(fields, dict) else None


# Fields shown first, in this order; the others follow in the order of ``to_dict()``.
_LEADING_FIELDS = ("id", "name", "status", "state")


def _ordered(fields: Dict[str, Any]) -> List[Tuple[str, Any]]:
    """The fields of a ``to_dict()``, id, name and status or state first: ``to_dict()``
    itself sorts them alphabetically, which buries the ones a reader looks for."""
    first = [(key, fields[key]) for key in _LEADING_FIELDS if key in fields]
    rest = [(str(key), value) for key, value in fields.items() if key not in _LEADING_FIELDS]
    return first + rest


def _truncated(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _scalar_text(value: Any, limit: int) -> str:
    """A scalar as a table shows it: strings bare (truncated), the rest as Python writes them."""
    if isinstance(value, str):
        return _truncated(value, limit)
    return _truncated(repr(value), limit)


def _label(fields: Dict[str, Any]) -> str:
    """The shortest useful name of a nested object: its name, else its ID, else its first
    scalar field that is no secret."""
    for key in ("name", "id"):
        value = fields.get(key)
        if value is not None and value != "":
            return _scalar_text(value, _CELL_TEXT)
    for key, value in fields.items():
        if isinstance(value, _SCALARS) and not _is_secret(key, value):
            return f"{key}={_scalar_text(value, _CELL_TEXT)}"
    return "{…}"


def _summary(fields: Dict[str, Any], class_name: Optional[str]) -> str:
    """A nested object in the style of the models' repr: ``Configuration(id='…', name='…')``,
    or its first three scalar fields when it has neither id nor name. Secrets are left out."""
    shown = [(k, fields[k]) for k in ("id", "name") if fields.get(k) is not None]
    if not shown:
        shown = [
            (k, v)
            for k, v in fields.items()
            if isinstance(v, _SCALARS) and not _is_secret(k, v)
        ][:_LIST_ITEMS]
    more = ", …" if len(shown) < len(fields) else ""
    inner = ", ".join(f"{k}={_truncated(repr(v), _CELL_TEXT)}" for k, v in shown)
    return f"{class_name}({inner}{more})" if class_name else f"{{{inner}{more}}}"


def _more(count: int) -> str:
    return f"… {count} more" if count > 0 else ""


def _class_name(obj: Any) -> Optional[str]:
    return type(obj).__name__ if _is_model(obj) else None


# --- model_html -----------------------------------------------------------------------------------

_TABLE = 'style="border-collapse:collapse;font-size:0.9em;text-align:left"'
_CAPTION = 'style="caption-side:top;text-align:left;font-weight:bold;padding:2px 0"'
_TH = (
    'style="text-align:left;vertical-align:top;padding:2px 10px 2px 0;font-weight:600;'
    'border-bottom:1px solid rgba(128,128,128,.25)"'
)
_TD = (
    'style="text-align:left;vertical-align:top;padding:2px 10px 2px 0;'
    'border-bottom:1px solid rgba(128,128,128,.25)"'
)


def _field_html(name: str, value: Any, attribute: Any) -> str:
    """One value of :func:`model_html`, escaped. `attribute` is the same field read as an
    attribute (a model object for a nested object), used only for class names."""
    if value is None:
        return _NONE_HTML
    if _is_secret(name, value):
        return _MASK
    if isinstance(value, dict):
        return html.escape(_summary(value, _class_name(attribute)))
    if isinstance(value, list):
        if not value:
            return "[]"
        first = attribute[0] if isinstance(attribute, list) and attribute else None
        items = [
            _summary(item, _class_name(first))
            if isinstance(item, dict)
            else _truncated(repr(item), _CELL_TEXT)
            for item in value[:_LIST_ITEMS]
        ]
        rest = _more(len(value) - _LIST_ITEMS)
        text = ", ".join(items + ([rest] if rest else []))
        return html.escape(f"[{text}]")
    return html.escape(_scalar_text(value, _MODEL_TEXT))


def model_html(obj: Any) -> str:
    """The ``_repr_html_`` of a model: a compact table of its fields, the class name as caption.

    Nested objects are summarised (``Configuration(id='…')``), lists show their first items,
    None is shown dimmed, secrets as ``***``, and every text is HTML-escaped.

    Args:
        obj: A model (an object with ``to_dict()``); anything else is shown as its escaped repr.

    Returns:
        A self-contained HTML fragment (inline styles, no script).
    """
    fields = _model_dict(obj)
    if fields is None:
        return f"<code>{html.escape(repr(obj))}</code>"
    rows = []
    for name, value in _ordered(fields):
        attribute = getattr(obj, name, None) if isinstance(value, (dict, list)) else None
        rows.append(
            f"<tr><th {_TH}>{html.escape(name)}</th>"
            f"<td {_TD}>{_field_html(name, value, attribute)}</td></tr>"
        )
    caption = html.escape(type(obj).__name__)
    return f"<table {_TABLE}><caption {_CAPTION}>{caption}</caption>{''.join(rows)}</table>"


def model_rich_repr(obj: Any) -> Iterator[Tuple[str, Any]]:
    """The ``__rich_repr__`` of a model: its top-level fields as ``(name, value)`` pairs.

    Values are the attributes themselves (so nested models render as models), secrets are
    ``"***"``, and a plain dict or list value has the secrets of its nested objects masked too.

    Args:
        obj: A model (an object with ``to_dict()``).

    Returns:
        An iterator of ``(field name, value)`` pairs: id, name and status or state first, then
        the others in the order of ``to_dict()``.
    """
    for name, value in _ordered(_model_dict(obj) or {}):
        if _is_secret(name, value):
            yield name, _MASK
            continue
        shown = getattr(obj, name, value)
        if isinstance(shown, (dict, list)):
            shown = _masked(shown)
        yield name, shown


# --- ResourceList ---------------------------------------------------------------------------------

_MISSING: Any = object()


def _resolve(value: Any, path: List[str]) -> Any:
    """The value at a dotted path in a ``to_dict()``; through a list, the list of its items'
    values (``ip_allocations.ip_address``). ``_MISSING`` when a key is absent."""
    for index, part in enumerate(path):
        if isinstance(value, list):
            found = [_resolve(item, path[index:]) for item in value]
            return [item for item in found if item is not _MISSING]
        if not isinstance(value, dict):
            return None if value is None else _MISSING
        value = value.get(part, _MISSING)
        if value is _MISSING:
            return _MISSING
    return value


def _cell_html(column: str, value: Any) -> str:
    """One cell of a :class:`ResourceList` table, escaped."""
    if value is _MISSING:
        return ""
    if value is None:
        return _NONE_HTML
    if _is_secret(column.rsplit(".", 1)[-1], value):
        return _MASK
    if isinstance(value, dict):
        return html.escape(_label(value))
    if isinstance(value, list):
        items = [
            _label(item) if isinstance(item, dict) else _scalar_text(item, _CELL_TEXT)
            for item in value[:_LIST_ITEMS]
        ]
        rest = _more(len(value) - _LIST_ITEMS)
        return html.escape(", ".join(items + ([rest] if rest else []))) or "[]"
    return html.escape(_scalar_text(value, _CELL_TEXT))


# Columns chosen automatically, after id and name and a status: scalar fields worth a glance.
_PREFERRED = (
    "size",
    "cidr",
    "specification",
    "ip_address",
    "address",
    "floating_ip_address",
    "region",
    "created_at",
    "created",
)
_AUTO_MIN, _AUTO_MAX = 5, 7


def _auto_columns(rows: List[Dict[str, Any]]) -> List[str]:
    """Columns for models without an entry in ``ResourceList.COLUMNS``: id, name, status or
    state, then preferred scalar fields (``region.name`` for a nested region), then other scalar
    fields up to five columns. Secret fields are never picked."""
    samples: Dict[str, Any] = {}
    for row in rows:
        for key, value in row.items():
            if samples.get(key) is None:
                samples[key] = value

    def usable(key: str) -> bool:
        value = samples[key]
        return not _is_secret(key, value) and (value is None or isinstance(value, _SCALARS))

    chosen: List[str] = [key for key in ("id", "name") if key in samples]
    chosen += [key for key in ("status", "state") if key in samples][:1]
    for key in _PREFERRED:
        if key == "created" and "created_at" in chosen:
            continue
        if key in samples and usable(key):
            chosen.append(key)
        elif key in samples and isinstance(samples[key], dict) and "name" in samples[key]:
            chosen.append(f"{key}.name")
    for key in samples:
        if len(chosen) >= _AUTO_MIN:
            break
        if key not in chosen and usable(key):
            chosen.append(key)
    return chosen[:_AUTO_MAX]


def _class_keys(cls: type) -> List[str]:
    """The keys under which ``ResourceList.COLUMNS`` may list a class, most specific first:
    ``vpsclient.tavu.Instance``, ``tavu.Instance``, ``Instance``."""
    module = getattr(cls, "__module__", "") or ""
    name = getattr(cls, "__qualname__", cls.__name__)
    keys = [f"{module}.{name}", f"{module.rsplit('.', 1)[-1]}.{name}", name, cls.__name__]
    return list(dict.fromkeys(key for key in keys if not key.startswith(".")))


_LIST_TABLE = 'style="border-collapse:collapse;font-size:0.9em;text-align:left"'
_LIST_TH = (
    'style="text-align:left;padding:2px 10px 2px 0;font-weight:600;'
    'border-bottom:1px solid rgba(128,128,128,.5)"'
)
_LIST_TD = (
    'style="text-align:left;vertical-align:top;padding:2px 10px 2px 0;'
    'border-bottom:1px solid rgba(128,128,128,.2)"'
)
_LIST_INDEX = (
    'style="text-align:right;vertical-align:top;padding:2px 10px 2px 0;opacity:.55;'
    'border-bottom:1px solid rgba(128,128,128,.2)"'
)


class ResourceList(List[_T]):
    """A ``list`` of models, as list operations return it, that shows itself as a table.

    In a notebook it renders as an HTML table with a few well-chosen columns per model class
    (at most :attr:`MAX_ROWS` rows); :meth:`to_dicts` and :meth:`to_pandas` turn it into plain
    data. Otherwise it is a list: same ``repr``, ``==``, slicing, pickling and copying (slices
    and copies are ResourceLists too).

    Example::

        instances = tavu.instances.list()
        instances                       # in Jupyter: a table of id, name, status, ...
        instances.to_pandas()           # a DataFrame, one row per instance
    """

    #: Most rows the HTML table shows; a last line says how many more there are.
    MAX_ROWS: ClassVar[int] = 20

    #: The columns of the table per model class, as dotted paths into ``to_dict()``
    #: (``region.name``; through a list, ``ip_allocations.ip_address`` lists every item's
    #: value). Keyed by ``"<module>.<class>"`` with the module's last part (``"tavu.Instance"``),
    #: or by the full module path, or by the bare class name. Classes not listed get columns
    #: chosen automatically. Edit it to change what tables show.
    COLUMNS: ClassVar[Dict[str, Tuple[str, ...]]] = {
        "tavu.Instance": ("id", "name", "status", "image.name", "availability_zone.region", "created_at"),
        "tavu.Volume": ("id", "name", "status", "size", "attachment.instance_id", "created_at"),
        "tavu.Network": ("id", "name", "status", "admin_state_up", "description"),
        "tavu.Subnet": ("id", "name", "cidr", "ip_version", "gateway_ip", "network_id"),
        "tavu.Port": ("id", "name", "status", "ip_allocations.ip_address", "device_owner", "network_id"),
        "tavu.Router": ("id", "name", "status", "admin_state_up", "external_gateway_info.network_id"),
        "tavu.FloatingIp": ("id", "floating_ip_address", "status", "fixed_ip_address", "port_id", "created_at"),
        "tavu.SecurityGroup": ("id", "name", "description", "rules"),
        "tavu.Configuration": ("id", "cpu", "ram", "disk", "disk_type", "bandwidth"),
        "joviam.Instance": ("id", "name", "state", "memory", "region.name", "created_at"),
        "joviam.Disk": ("id", "name", "state", "size", "region.name", "instance_id", "created_at"),
        "joviam.Network": ("id", "name", "state", "specification", "is_public", "region.name"),
        "joviam.IpAddress": ("id", "name", "address", "network_id", "shareable", "instance_ids"),
        "joviam.Template": ("id", "name", "slug", "version", "region.name", "minimum_disk_size"),
    }

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> _T: ...
    @overload
    def __getitem__(self, index: slice, /) -> ResourceList[_T]: ...
    def __getitem__(self, index: Any, /) -> Any:
        result = super().__getitem__(index)
        return type(self)(result) if isinstance(index, slice) else result

    def __add__(self, other: Iterable[_T], /) -> ResourceList[_T]:  # type: ignore[override]
        combined = type(self)(self)
        combined.extend(other)
        return combined

    def copy(self) -> ResourceList[_T]:
        """A shallow copy, itself a ResourceList.

        Returns:
            A new ResourceList holding the same items.
        """
        return type(self)(self)

    def to_dicts(self) -> List[Any]:
        """Every item as plain data: ``item.to_dict()`` for models, other items as they are.

        Returns:
            A new list of dicts (nested objects are dicts, lists are lists).
        """
        items: List[Any] = list(self)
        return [item.to_dict() if _is_model(item) else item for item in items]

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with one row per item and one column per field.

        Nested objects and lists stay as Python objects in their cells (``df["region"]`` holds
        dicts); flatten them with ``pandas.json_normalize(lst.to_dicts())`` if you prefer.

        Returns:
            A ``pandas.DataFrame``.

        Raises:
            ImportError: pandas is not installed (``pip install pandas`` installs it).
        """
        try:
            pandas = importlib.import_module("pandas")
        except ImportError as error:
            raise ImportError(
                "ResourceList.to_pandas() needs pandas, which is not installed: "
                "pip install pandas"
            ) from error
        return pandas.DataFrame(self.to_dicts())

    def _columns_for(self, shown: List[Any], dicts: List[Optional[Dict[str, Any]]]) -> List[str]:
        classes = {type(item) for item, fields in zip(shown, dicts) if fields is not None}
        if len(classes) == 1:
            (cls,) = classes
            for key in _class_keys(cls):
                if key in self.COLUMNS:
                    return list(self.COLUMNS[key])
        columns = _auto_columns([fields for fields in dicts if fields is not None])
        return ["type"] + columns if len(classes) > 1 else columns

    def _repr_html_(self) -> str:
        """The table a notebook shows: a header, one row per item, at most MAX_ROWS rows."""
        if not self:
            return '<div style="opacity:.7">empty ResourceList</div>'
        names = {type(item).__name__ for item in self}
        what = names.pop() if len(names) == 1 else "items"
        header = f"ResourceList of {len(self)} {what}"
        shown = list.__getitem__(self, slice(0, self.MAX_ROWS))
        dicts = [_model_dict(item) for item in shown]
        columns = self._columns_for(shown, dicts) if any(d is not None for d in dicts) else []
        width = max(len(columns), 1)
        head = "".join(f"<th {_LIST_TH}>{html.escape(c)}</th>" for c in columns or ["value"])
        rows = []
        for index, (item, fields) in enumerate(zip(shown, dicts)):
            if fields is None:
                cells = f'<td {_LIST_TD} colspan="{width}">{html.escape(repr(item))}</td>'
            else:
                values = [
                    html.escape(type(item).__name__)
                    if column == "type"
                    else _cell_html(column, _resolve(fields, column.split(".")))
                    for column in columns
                ]
                cells = "".join(f"<td {_LIST_TD}>{value}</td>" for value in values)
            rows.append(f"<tr><td {_LIST_INDEX}>{index}</td>{cells}</tr>")
        if len(self) > len(shown):
            rows.append(
                f'<tr><td {_LIST_INDEX}></td><td {_LIST_TD} colspan="{width}">'
                f"{html.escape(_more(len(self) - len(shown)))}</td></tr>"
            )
        return (
            f"<table {_LIST_TABLE}><caption {_CAPTION}>{html.escape(header)}</caption>"
            f"<thead><tr><th {_LIST_TH}></th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )


# --- Progress -------------------------------------------------------------------------------------


def _in_kernel() -> bool:
    """Whether this runs inside a Jupyter kernel (IPython with a ``kernel`` attribute).

    A kernel has always imported IPython already, so when it is not in ``sys.modules`` the
    answer is no, without paying for the import.
    """
    if sys.modules.get("IPython") is None:
        return False
    try:
        shell = importlib.import_module("IPython").get_ipython()
    except Exception:
        return False
    return shell is not None and getattr(shell, "kernel", None) is not None


class Progress:
    """Progress of a waiter: a line (or a notebook widget) updated on every poll.

    Built by :meth:`create` from a waiter's ``progress=`` argument; the base class itself is
    the silent one. Use it as a context manager, or call :meth:`close` when the wait ends.

    Example::

        with Progress.create(progress, resource="instance", wanted="active") as shown:
            while ...:
                shown.update(instance_id, status, elapsed)
            shown.close("active")
    """

    @classmethod
    def create(
        cls,
        progress: Union[None, bool, ProgressCallback],
        *,
        resource: str,
        wanted: str,
    ) -> Progress:
        """The progress display that a waiter's ``progress=`` argument asks for.

        Args:
            progress: ``None`` (the default of waiters): a live display inside a Jupyter
                kernel (``tqdm.auto`` if installed, else an updated IPython display), nothing
                elsewhere. ``True``: one line on stderr, rewritten in place on a terminal,
                one line per change of state otherwise. ``False``: nothing. A callable: called
                with ``(id, state, elapsed_seconds)`` on every poll.
            resource: What is waited for, singular, e.g. ``"instance"``.
            wanted: The state waited for, e.g. ``"active"``.

        Returns:
            A Progress whose :meth:`update` the waiter calls on every poll.

        Raises:
            TypeError: `progress` is none of the above.
        """
        if progress is None:
            return _notebook_progress(resource, wanted) if _in_kernel() else Progress()
        if progress is True:
            stream = sys.stderr
            return _StreamProgress(resource, wanted, stream, rewrite=_isatty(stream))
        if progress is False:
            return Progress()
        if callable(progress):
            return _CallbackProgress(progress)
        raise TypeError(
            "progress must be None (a display in notebooks only), True (a line on stderr), "
            f"False (nothing) or a callable taking (id, state, elapsed_seconds), not {progress!r}"
        )

    def update(self, id: str, state: Optional[str], elapsed: float) -> None:
        """Reports one poll.

        Args:
            id: The object polled.
            state: Its state, or None when it has none (yet) or is gone.
            elapsed: Seconds since the wait began.
        """

    def close(self, final_state: Optional[str] = None) -> None:
        """Ends the display; calling it again does nothing.

        Args:
            final_state: The state the wait ended on (for every object of a multi-object
                wait), or None to keep the last states reported (a failure, an interrupt).
        """

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:
        return False


class _CallbackProgress(Progress):
    """Calls the user's function on every poll; an exception it raises ends the wait."""

    def __init__(self, callback: ProgressCallback) -> None:
        self._callback = callback

    def update(self, id: str, state: Optional[str], elapsed: float) -> None:
        self._callback(id, state, elapsed)


class _LiveProgress(Progress, abc.ABC):
    """A display of one status line: the states of the objects polled and the time elapsed.
    Subclasses say where the line goes (:meth:`_show`, :meth:`_end`)."""

    def __init__(self, resource: str, wanted: str) -> None:
        self._resource = resource
        self._wanted = wanted
        self._states: Dict[str, Optional[str]] = {}
        self._elapsed = 0.0
        self._started = time.monotonic()
        self._closed = False

    def status(self) -> str:
        """``instance 5f2c: building``, or for several, ``3 instances: 2 building, 1 active``."""
        def shown(state: Optional[str]) -> str:
            return "unknown" if state is None else state

        if len(self._states) == 1:
            ((id, state),) = self._states.items()
            return f"{self._resource} {id}: {shown(state)}"
        counts: Dict[str, int] = {}
        for state in self._states.values():
            counts[shown(state)] = counts.get(shown(state), 0) + 1
        parts = ", ".join(f"{count} {state}" for state, count in counts.items())
        return f"{len(self._states)} {self._resource}s: {parts or 'waiting'}"

    def done(self) -> int:
        """How many of the objects polled have the wanted state."""
        return sum(1 for state in self._states.values() if state == self._wanted)

    def update(self, id: str, state: Optional[str], elapsed: float) -> None:
        if self._closed:
            return
        self._states[id] = state
        self._elapsed = elapsed
        self._show(f"{self.status()}, waiting for {self._wanted} ({elapsed:.1f}s)", final=False)

    def close(self, final_state: Optional[str] = None) -> None:
        if self._closed:
            return
        self._closed = True
        if not self._states:
            self._end(None)
            return
        if final_state is not None:
            self._states = {id: final_state for id in self._states}
        self._end(f"{self.status()} ({self._elapsed:.1f}s)")

    @abc.abstractmethod
    def _show(self, line: str, *, final: bool) -> None:
        """Shows ``line`` in place of the last one (``final`` for the line that ends it)."""

    @abc.abstractmethod
    def _end(self, line: Optional[str]) -> None:
        """Shows the last line (None when nothing was ever shown) and ends the display."""


class _StreamProgress(_LiveProgress):
    """A line on a text stream: rewritten with ``\\r`` on a terminal; elsewhere (a log, a
    pipe) a new line each time the states change, so a log gets no line per poll, and the
    line saying everything is done comes from :meth:`close`."""

    def __init__(self, resource: str, wanted: str, stream: TextIO, *, rewrite: bool) -> None:
        super().__init__(resource, wanted)
        self._stream = stream
        self._rewrite = rewrite
        self._width = 0
        self._last_status: Optional[str] = None

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            pass  # A closed or broken stream must not break the wait itself.

    def _show(self, line: str, *, final: bool) -> None:
        if self._rewrite:
            self._write("\r" + line.ljust(self._width) + ("\n" if final else ""))
            self._width = 0 if final else len(line)
            return
        if not final and self.done() == len(self._states):
            return
        status = self.status()
        if status != self._last_status:
            self._last_status = status
            self._write(line + "\n")

    def _end(self, line: Optional[str]) -> None:
        if line is not None:
            self._show(line, final=True)


class _TqdmProgress(_LiveProgress):
    """A ``tqdm.auto`` bar (a widget in notebooks): the status as its description; for several
    objects, a bar of how many have the wanted state."""

    def __init__(self, resource: str, wanted: str, tqdm: Any) -> None:
        super().__init__(resource, wanted)
        self._tqdm = tqdm
        self._bar: Any = None

    def _show(self, line: str, *, final: bool) -> None:
        status = self.status()
        if self._bar is None:
            self._bar = self._tqdm(total=None, desc=status, bar_format="{desc} [{elapsed}]", leave=True)
        # tqdm shows the time elapsed itself.
        self._bar.set_description_str(status, refresh=False)
        if len(self._states) > 1:
            if self._bar.total != len(self._states):
                # reset() is what makes a notebook widget take a new total.
                self._bar.bar_format = "{desc} {bar} {n_fmt}/{total_fmt} [{elapsed}]"
                self._bar.reset(total=len(self._states))
            self._bar.n = self.done()
        self._bar.refresh()

    def _end(self, line: Optional[str]) -> None:
        if self._bar is None:
            return
        if line is not None:
            self._show(line, final=True)
        self._bar.close()


class _StatusLine:
    """What an IPython display shows: one line of text, escaped in its HTML form."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return f'<pre style="margin:0">{html.escape(self.text)}</pre>'


class _DisplayProgress(_LiveProgress):
    """An IPython display updated in place (``display(..., display_id=True)``)."""

    def __init__(self, resource: str, wanted: str, display: Callable[..., Any]) -> None:
        super().__init__(resource, wanted)
        self._display = display
        self._handle: Any = None

    def _show(self, line: str, *, final: bool) -> None:
        if self._handle is None:
            self._handle = self._display(_StatusLine(line), display_id=True)
        else:
            self._handle.update(_StatusLine(line))

    def _end(self, line: Optional[str]) -> None:
        if line is not None and self._handle is not None:
            self._show(line, final=True)


def _notebook_progress(resource: str, wanted: str) -> Progress:
    """The best display a kernel offers: tqdm.auto, else IPython's display, else text."""
    # Optional dependencies, imported by name so that type checkers need none of them.
    try:
        tqdm = importlib.import_module("tqdm.auto").tqdm
    except Exception:
        pass
    else:
        return _TqdmProgress(resource, wanted, tqdm)
    try:
        display = importlib.import_module("IPython.display").display
    except Exception:
        pass
    else:
        return _DisplayProgress(resource, wanted, display)
    # A notebook renders "\r" in a stream as a rewrite, as a terminal does.
    return _StreamProgress(resource, wanted, sys.stderr, rewrite=True)
