"""The display layer (`vpsclient._display`): model HTML and rich reprs, `ResourceList`, and
waiter progress. Fake models stand in for the compiled ones (objects with one attribute per
field and `to_dict()`), so these tests need nothing of the extension; the last test renders
the compiled models of the sandbox."""

from __future__ import annotations

import copy
import html
import io
import pickle
import re
import sys
import types
from typing import Any, Optional

import pytest

from vpsclient._display import Progress, ResourceList, model_html, model_rich_repr

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"


# --- Fake models ------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A value as `to_dict()` gives it: models as dicts, recursively."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


class FakeModel:
    """Like a compiled model: one attribute per field, `to_dict()`, `==`."""

    def __init__(self, **fields: Any) -> None:
        self._fields = fields
        for name, value in fields.items():
            setattr(self, name, value)

    def to_dict(self) -> dict[str, Any]:
        return {name: plain(value) for name, value in self._fields.items()}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.to_dict() == self.to_dict()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._fields!r})"


class Thing(FakeModel):
    """A model importable from this module, so that it pickles."""


def model_class(name: str, module: str = "vpsclient.tavu") -> type:
    """A fake model class that looks like `<module>.<name>` (for the per-class columns)."""
    return type(name, (FakeModel,), {"__module__": module, "__qualname__": name})


TavuInstance = model_class("Instance")
Image = model_class("Image")
Configuration = model_class("Configuration")
SecurityGroup = model_class("SecurityGroup")
SshKey = model_class("SshKey")
TavuNetwork = model_class("Network")
JoviamInstance = model_class("Instance", "vpsclient.joviam")
Region = model_class("Region", "vpsclient.joviam")


def tavu_instance(i: int = 1, **changes: Any) -> Any:
    fields: dict[str, Any] = dict(
        id=f"inst-{i}",
        name=f"web-{i}",
        status="active",
        created_at="2026-12-01T10:00:00Z",
        availability_zone=None,
        security_groups=[SecurityGroup(id=f"sg-{n}", name=f"group-{n}", rules=[]) for n in range(5)],
        volumes=[],
        configuration=Configuration(id="cfg-1", cpu=2, ram=2048),
        image=Image(id="img-1", name="Ubuntu", version="24.04"),
        ports=[],
        username="ubuntu",
        password="hunter2-secret",
    )
    fields.update(changes)
    return TavuInstance(**fields)


def visible_text(fragment: str) -> str:
    """The text a browser shows for an HTML fragment: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", " ", fragment))


# --- model_html -------------------------------------------------------------------------------


def test_model_html_is_a_table_of_every_field_captioned_with_the_class_name() -> None:
    shown = model_html(tavu_instance())
    assert shown.startswith("<table") and shown.endswith("</table>")
    assert "<caption" in shown and ">Instance</caption>" in shown
    fields = re.findall(r"<th[^>]*>(.*?)</th>", shown)
    assert sorted(fields) == sorted(tavu_instance().to_dict())
    assert fields[:3] == ["id", "name", "status"], "the fields a reader looks for come first"
    assert "<script" not in shown and "class=" not in shown, "inline styles only, no script"
    text = visible_text(shown)
    assert "web-1" in text and "active" in text


def test_model_html_escapes_values_keys_and_the_class_name() -> None:
    network = TavuNetwork(id="n-1", name=SCRIPT, description='say "hi" & <b>bye</b>')
    shown = model_html(network)
    assert SCRIPT not in shown and "<b>" not in shown
    assert ESCAPED_SCRIPT in shown
    assert "&quot;hi&quot; &amp; &lt;b&gt;bye&lt;/b&gt;" in shown

    odd_key = Thing(**{"<img src=x onerror=alert(1)>": "value"})
    assert "<img" not in model_html(odd_key) and "&lt;img src=x" in model_html(odd_key)

    evil_class = model_class("<b>Evil</b>")
    shown = model_html(evil_class(id="x"))
    assert "<b>" not in shown and "&lt;b&gt;Evil&lt;/b&gt;" in shown

    # Escaped in nested summaries and list items too.
    parent = Thing(network=TavuNetwork(id=SCRIPT, name=SCRIPT), tags=[SCRIPT, SCRIPT])
    assert "<script" not in model_html(parent)


def test_model_html_masks_secrets_as_repr_does() -> None:
    shown = model_html(tavu_instance())
    assert "hunter2" not in shown
    assert re.search(r">password</th><td[^>]*>\*\*\*</td>", shown)
    creds = Thing(
        private_key="-----BEGIN KEY-----",
        token="tok-123",
        api_key="ak-123",
        client_secret="cs-123",
        db_password_hash="h-123",
        refresh_token=None,
        disable_password=True,
    )
    shown = model_html(creds)
    for secret in ("BEGIN KEY", "tok-123", "ak-123", "cs-123", "h-123"):
        assert secret not in shown
    assert shown.count("***") == 5
    # None is shown as None (nothing to hide); a bool flag is a setting, not a secret.
    assert re.search(r">refresh_token</th><td[^>]*><span[^>]*>None</span>", shown)
    assert re.search(r">disable_password</th><td[^>]*>True</td>", shown)


def test_model_html_never_shows_secrets_of_nested_objects() -> None:
    user = Thing(id=1, ssh_keys=[SshKey(fingerprint="ab:cd", private_key="SECRET-KEY")],
                 key=SshKey(fingerprint="ef:01", private_key="OTHER-SECRET"))
    shown = model_html(user)
    assert "SECRET-KEY" not in shown and "OTHER-SECRET" not in shown
    assert "fingerprint=&#x27;ab:cd&#x27;" in shown


def test_model_html_summarises_nested_objects_and_lists() -> None:
    text = visible_text(model_html(tavu_instance()))
    assert "Configuration(id='cfg-1', …)" in text
    assert "Image(id='img-1', name='Ubuntu', …)" in text
    # The first three items of a list, then how many more.
    assert "SecurityGroup(id='sg-0', name='group-0', …)" in text
    assert "SecurityGroup(id='sg-2', name='group-2', …)" in text
    assert "sg-3" not in text and "… 2 more" in text
    shown = model_html(tavu_instance())
    assert re.search(r">volumes</th><td[^>]*>\[\]</td>", shown)
    assert re.search(r">availability_zone</th><td[^>]*><span style=\"opacity:.55\">None</span>", shown)
    assert "['a', 'b', 'c', … 1 more]" in visible_text(model_html(Thing(tags=["a", "b", "c", "d"])))


def test_model_html_of_anything_else_is_its_escaped_repr() -> None:
    assert model_html(SCRIPT) == f"<code>{html.escape(repr(SCRIPT))}</code>"
    assert model_html(None) == "<code>None</code>"


# --- model_rich_repr --------------------------------------------------------------------------


def test_model_rich_repr_yields_the_top_level_fields_with_secrets_masked() -> None:
    instance = tavu_instance()
    pairs = list(model_rich_repr(instance))
    names = [name for name, _ in pairs]
    assert sorted(names) == sorted(instance.to_dict()) and names[:3] == ["id", "name", "status"]
    fields = dict(pairs)
    assert fields["password"] == "***"
    assert fields["name"] == "web-1"
    assert fields["image"] is instance.image, "nested models are passed on as models"
    assert fields["availability_zone"] is None

    # Plain dict values have their nested secrets masked too; None secrets stay None.
    holder = Thing(context={"db": {"password": "pw", "host": "h"}}, token=None)
    fields = dict(model_rich_repr(holder))
    assert fields["context"] == {"db": {"password": "***", "host": "h"}}
    assert fields["token"] is None


def test_model_rich_repr_works_with_rich() -> None:
    pretty = pytest.importorskip("rich.pretty")

    class Rendered(FakeModel):
        __rich_repr__ = model_rich_repr

    text = pretty.pretty_repr(Rendered(id="x", name=SCRIPT, password="pw-123"))
    assert "pw-123" not in text and "'***'" in text and "Rendered(" in text


# --- ResourceList -----------------------------------------------------------------------------


def header_of(shown: str) -> str:
    caption = re.search(r"<caption[^>]*>(.*?)</caption>", shown)
    assert caption, shown
    return html.unescape(caption.group(1))


def columns_of(shown: str) -> list[str]:
    head = re.search(r"<thead>(.*?)</thead>", shown)
    assert head, shown
    return [html.unescape(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", head.group(1))][1:]


def body_rows(shown: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", shown)
    assert body, shown
    return re.findall(r"<tr>(.*?)</tr>", body.group(1))


def test_a_resource_list_is_still_a_list() -> None:
    items = [Thing(id=1), Thing(id=2)]
    lst = ResourceList(items)
    assert isinstance(lst, list) and lst == items
    assert repr(lst) == repr(items)
    assert type(lst[0:1]) is ResourceList and lst[0:1] == items[0:1]
    assert lst[1] is items[1] and lst[-1] is items[1]
    assert type(lst.copy()) is ResourceList and lst.copy() == items
    assert type(lst + [Thing(id=3)]) is ResourceList and len(lst + [Thing(id=3)]) == 3


def test_the_table_uses_the_columns_listed_for_the_class() -> None:
    shown = ResourceList([tavu_instance(1), tavu_instance(2)])._repr_html_()
    assert header_of(shown) == "ResourceList of 2 Instance"
    assert columns_of(shown) == list(ResourceList.COLUMNS["tavu.Instance"])
    rows = body_rows(shown)
    assert len(rows) == 2
    cells = [visible_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", rows[0])]
    assert cells[:5] == ["0", "inst-1", "web-1", "active", "Ubuntu"]  # index, id, name, status, image.name
    assert "hunter2" not in shown


def test_tavu_and_joviam_classes_of_the_same_name_get_their_own_columns() -> None:
    joviam = JoviamInstance(id="j-1", name="db", memory=1024, state="running",
                            region=Region(id="r-1", name="AU East", code="SY3"),
                            disks=[], created_at=None)
    shown = ResourceList([joviam])._repr_html_()
    assert columns_of(shown) == list(ResourceList.COLUMNS["joviam.Instance"])
    assert "AU East" in visible_text(shown) and "running" in visible_text(shown)


def test_columns_can_follow_paths_through_lists_and_mask_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    Port = model_class("Port")
    IpAllocation = model_class("IpAllocation")
    port = Port(id="p-1", name="", status="ACTIVE", network_id="n-1", device_owner="compute:None",
                ip_allocations=[IpAllocation(ip_address=f"10.0.0.{n}", subnet_id="s") for n in range(5)])
    text = visible_text(ResourceList([port])._repr_html_())
    assert "10.0.0.0, 10.0.0.1, 10.0.0.2, … 2 more" in text

    Login = model_class("Login", "tests.fake")
    monkeypatch.setitem(ResourceList.COLUMNS, "fake.Login", ("id", "password", "owner.token"))
    login = Login(id="l-1", password="pw-123", owner=Thing(name="me", token="tok-123"))
    shown = ResourceList([login])._repr_html_()
    assert columns_of(shown) == ["id", "password", "owner.token"]
    assert "pw-123" not in shown and "tok-123" not in shown and shown.count("***") == 2


def test_other_classes_get_sensible_columns_automatically() -> None:
    Widget = model_class("Widget", "somewhere.else")
    widget = Widget(id="w-1", name="gizmo", description="long text", state="ready", size=10,
                    api_key="ak-123", region=Region(id="r-1", name="AU East", code="SY3"),
                    tags=["a"], created_at="2026-12-01", weight=3)
    shown = ResourceList([widget])._repr_html_()
    assert columns_of(shown) == ["id", "name", "state", "size", "region.name", "created_at"]
    assert "ak-123" not in shown

    # Few fields: every scalar one, up to five columns.
    Pool = model_class("AllocationPool")
    assert columns_of(ResourceList([Pool(start="10.0.0.2", end="10.0.0.254")])._repr_html_()) == [
        "start", "end"]
    Config = model_class("Flavour")
    config = Config(id="c-1", cpu=2, ram=2048, disk=40, disk_type="ssd", bandwidth="500.0",
                    availability_zones=[])
    assert columns_of(ResourceList([config])._repr_html_()) == ["id", "cpu", "ram", "disk", "disk_type"]


def test_the_table_escapes_every_value() -> None:
    networks = ResourceList([TavuNetwork(id="n-1", name=SCRIPT, status="ACTIVE", admin_state_up=True,
                                         description=None)])
    shown = networks._repr_html_()
    assert "<script" not in shown and ESCAPED_SCRIPT in shown
    evil = ResourceList([model_class("<i>Evil</i>", "x")(id=SCRIPT, **{"<k>": SCRIPT})])
    shown = evil._repr_html_()
    assert "<script" not in shown and "<i>" not in shown and "<k>" not in shown
    assert "&lt;i&gt;Evil&lt;/i&gt;" in shown and "&lt;k&gt;" in shown


def test_the_table_shows_at_most_twenty_rows_then_how_many_more() -> None:
    lst = ResourceList([Thing(id=n, name=f"thing-{n}") for n in range(45)])
    shown = lst._repr_html_()
    assert header_of(shown) == "ResourceList of 45 Thing"
    rows = body_rows(shown)
    assert len(rows) == 21
    assert "thing-19" in shown and "thing-20" not in shown
    assert visible_text(rows[-1]).strip() == "… 25 more"

    exactly = ResourceList([Thing(id=n) for n in range(20)])._repr_html_()
    assert len(body_rows(exactly)) == 20 and "more" not in exactly


def test_an_empty_list_says_so() -> None:
    shown = ResourceList()._repr_html_()
    assert "empty ResourceList" in shown and "<table" not in shown


def test_plain_values_and_mixed_items_still_render() -> None:
    shown = ResourceList(["a<b", "c"])._repr_html_()
    assert header_of(shown) == "ResourceList of 2 str"
    assert columns_of(shown) == ["value"]
    assert "&#x27;a&lt;b&#x27;" in shown and "a<b" not in shown

    mixed = ResourceList([Thing(id=1, name="one"), TavuNetwork(id="n", name="net"), 42])
    shown = mixed._repr_html_()
    assert header_of(shown) == "ResourceList of 3 items"
    assert columns_of(shown) == ["type", "id", "name"]
    text = visible_text(shown)
    assert "Thing" in text and "Network" in text and "42" in text


def test_to_dicts_gives_plain_data() -> None:
    lst = ResourceList([tavu_instance(1), tavu_instance(2)])
    dicts = lst.to_dicts()
    assert dicts == [tavu_instance(1).to_dict(), tavu_instance(2).to_dict()]
    assert type(dicts) is list and dicts[0]["image"] == {"id": "img-1", "name": "Ubuntu", "version": "24.04"}
    assert ResourceList(["x", 1]).to_dicts() == ["x", 1]
    assert ResourceList().to_dicts() == []


def test_to_pandas_gives_a_dataframe_with_nested_values_as_objects() -> None:
    pandas = pytest.importorskip("pandas")
    frame = ResourceList([tavu_instance(1), tavu_instance(2)]).to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.shape == (2, len(tavu_instance().to_dict()))
    assert list(frame["name"]) == ["web-1", "web-2"]
    assert frame["image"][0] == {"id": "img-1", "name": "Ubuntu", "version": "24.04"}
    assert len(ResourceList().to_pandas()) == 0


def test_to_pandas_without_pandas_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        ResourceList([Thing(id=1)]).to_pandas()


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_resource_list_pickles_like_a_list(protocol: int) -> None:
    lst = ResourceList([Thing(id=1, name="a"), Thing(id=2, tags=["x"]), "plain", 3])
    restored = pickle.loads(pickle.dumps(lst, protocol=protocol))
    assert type(restored) is ResourceList and restored == lst and restored is not lst


def test_a_resource_list_copies_like_a_list() -> None:
    lst = ResourceList([Thing(id=1, tags=["x"])])
    shallow = copy.copy(lst)
    assert type(shallow) is ResourceList and shallow == lst and shallow is not lst
    assert shallow[0] is lst[0]
    deep = copy.deepcopy(lst)
    assert type(deep) is ResourceList and deep == lst and deep[0] is not lst[0]


# --- Progress ---------------------------------------------------------------------------------


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_wait(progress: Progress, polls: list[tuple[str, Optional[str], float]], final: Optional[str]) -> None:
    with progress:
        for id, state, elapsed in polls:
            progress.update(id, state, elapsed)
        progress.close(final)


POLLS = [("i-1", "building", 0.0), ("i-1", "building", 1.0), ("i-1", "active", 2.5)]


@pytest.fixture
def fake_kernel(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """Makes `_display` believe it runs in a Jupyter kernel, with IPython's display recorded
    and neither tqdm nor a real IPython needed."""
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: types.SimpleNamespace(kernel=object())  # type: ignore[attr-defined]
    display_module = types.ModuleType("IPython.display")
    display_module.shown = []  # type: ignore[attr-defined]

    class Handle:
        def update(self, obj: Any) -> None:
            display_module.shown.append(("update", repr(obj), obj._repr_html_()))  # type: ignore[attr-defined]

    def display(obj: Any, display_id: bool = False) -> Handle:
        assert display_id is True
        display_module.shown.append(("display", repr(obj), obj._repr_html_()))  # type: ignore[attr-defined]
        return Handle()

    display_module.display = display  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_module)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    return display_module


def test_a_callable_gets_every_poll() -> None:
    calls: list[tuple[str, Optional[str], float]] = []
    progress = Progress.create(lambda *args: calls.append(args), resource="instance", wanted="active")
    run_wait(progress, POLLS + [("i-2", None, 3.0)], "active")
    assert calls == POLLS + [("i-2", None, 3.0)]


def test_an_exception_in_the_callable_reaches_the_waiter() -> None:
    def fail(id: str, state: Optional[str], elapsed: float) -> None:
        raise KeyError(id)

    with pytest.raises(KeyError, match="i-1"):
        Progress.create(fail, resource="instance", wanted="active").update("i-1", "building", 0.0)


def test_false_is_silent_even_in_a_notebook(capsys: pytest.CaptureFixture[str], fake_kernel: Any) -> None:
    run_wait(Progress.create(False, resource="instance", wanted="active"), POLLS, "active")
    assert capsys.readouterr() == ("", "")
    assert fake_kernel.shown == []


def test_true_writes_a_line_per_change_to_stderr_when_it_is_no_terminal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    run_wait(Progress.create(True, resource="instance", wanted="active"), POLLS, "active")
    assert stderr.getvalue().splitlines() == [
        "instance i-1: building, waiting for active (0.0s)",
        "instance i-1: active (2.5s)",
    ]
    assert "\r" not in stderr.getvalue()


def test_true_rewrites_one_line_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = FakeTty()
    monkeypatch.setattr(sys, "stderr", stderr)
    run_wait(Progress.create(True, resource="instance", wanted="active"), POLLS, "active")
    written = stderr.getvalue()
    assert written.count("\r") == 4 and written.count("\n") == 1 and written.endswith("\n")
    assert written.split("\r")[-1].rstrip() == "instance i-1: active (2.5s)"
    assert written.split("\r")[2].rstrip() == "instance i-1: building, waiting for active (1.0s)"


def test_true_summarises_several_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    polls = [("v-1", "creating", 0.0), ("v-2", "creating", 0.0), ("v-3", "available", 0.1),
             ("v-1", "available", 1.0), ("v-2", "available", 1.0), ("v-3", "available", 1.1)]
    run_wait(Progress.create(True, resource="volume", wanted="available"), polls, "available")
    lines = stderr.getvalue().splitlines()
    assert "3 volumes: 2 creating, 1 available, waiting for available (0.1s)" in lines
    assert lines[-2:] == ["3 volumes: 2 available, 1 creating, waiting for available (1.0s)",
                          "3 volumes: 3 available (1.1s)"]


def test_none_is_silent_outside_a_notebook(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    progress = Progress.create(None, resource="instance", wanted="active")
    assert type(progress) is Progress
    run_wait(progress, POLLS, "active")
    # A terminal IPython (no kernel) is no notebook either.
    terminal = types.ModuleType("IPython")
    terminal.get_ipython = lambda: types.SimpleNamespace()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", terminal)
    assert type(Progress.create(None, resource="instance", wanted="active")) is Progress
    assert capsys.readouterr() == ("", "")


def test_none_in_a_notebook_updates_one_ipython_display(
        capsys: pytest.CaptureFixture[str], fake_kernel: Any) -> None:
    run_wait(Progress.create(None, resource="instance", wanted="active"), POLLS, "active")
    kinds = [kind for kind, _, _ in fake_kernel.shown]
    assert kinds == ["display", "update", "update", "update"]
    assert fake_kernel.shown[0][1] == "instance i-1: building, waiting for active (0.0s)"
    assert fake_kernel.shown[-1][1] == "instance i-1: active (2.5s)"
    assert capsys.readouterr() == ("", "")

    # The HTML form is escaped: IDs come from servers.
    fake_kernel.shown.clear()
    run_wait(Progress.create(None, resource="instance", wanted="active"), [(SCRIPT, "x", 0.0)], None)
    assert all("<script" not in shown_html for _, _, shown_html in fake_kernel.shown)


def test_none_in_a_notebook_prefers_tqdm(monkeypatch: pytest.MonkeyPatch, fake_kernel: Any) -> None:
    bars: list[Any] = []

    class FakeTqdm:
        def __init__(self, **kwargs: Any) -> None:
            self.kwargs, self.descriptions, self.closed = kwargs, [], False
            self.n, self.total, self.bar_format = 0, kwargs["total"], kwargs["bar_format"]
            bars.append(self)

        def set_description_str(self, desc: str, refresh: bool = True) -> None:
            self.descriptions.append(desc)

        def reset(self, total: Optional[int] = None) -> None:
            self.n, self.total = 0, total

        def refresh(self) -> None:
            pass

        def close(self) -> None:
            self.closed = True

    tqdm_auto = types.ModuleType("tqdm.auto")
    tqdm_auto.tqdm = FakeTqdm  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tqdm.auto", tqdm_auto)
    polls = [("v-1", "creating", 0.0), ("v-2", "creating", 0.0), ("v-1", "available", 1.0)]
    run_wait(Progress.create(None, resource="volume", wanted="available"), polls, "available")
    (bar,) = bars
    assert bar.closed and fake_kernel.shown == []
    assert bar.descriptions[0] == "volume v-1: creating"
    assert bar.descriptions[-1] == "2 volumes: 2 available"
    assert (bar.n, bar.total) == (2, 2)


def test_none_in_a_notebook_without_display_writes_text(
        monkeypatch: pytest.MonkeyPatch, fake_kernel: Any) -> None:
    monkeypatch.setitem(sys.modules, "IPython.display", None)
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    run_wait(Progress.create(None, resource="instance", wanted="active"), POLLS, "active")
    assert stderr.getvalue().split("\r")[-1].rstrip() == "instance i-1: active (2.5s)"


@pytest.mark.parametrize("value", ["yes", 1, 0, 2.5, ["x"]])
def test_any_other_progress_value_is_a_type_error(value: Any) -> None:
    with pytest.raises(TypeError, match="progress must be None"):
        Progress.create(value, resource="instance", wanted="active")


def test_close_is_idempotent_and_a_wait_without_polls_shows_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    with Progress.create(True, resource="instance", wanted="active") as progress:
        pass
    progress.close("active")
    assert stderr.getvalue() == ""

    progress = Progress.create(True, resource="instance", wanted="active")
    progress.update("i-1", "building", 0.5)
    progress.close()  # a failure or an interrupt: the last state stays
    progress.close("active")
    progress.update("i-1", "active", 9.0)
    assert stderr.getvalue().splitlines() == ["instance i-1: building, waiting for active (0.5s)"]


# --- With the compiled extension --------------------------------------------------------------


def test_the_compiled_models_of_the_sandbox_render() -> None:
    vpsclient = pytest.importorskip("vpsclient")
    if not hasattr(vpsclient, "Sandbox"):
        pytest.skip("the compiled extension is not built")

    # Every entry of COLUMNS names a real class, and its columns start with real fields.
    for key, columns in ResourceList.COLUMNS.items():
        provider, name = key.split(".")
        cls = getattr(getattr(vpsclient, provider), name)
        assert (cls.__module__, cls.__qualname__) == (f"vpsclient.{provider}", name)
        for column in columns:
            assert hasattr(cls, column.split(".")[0]), f"{key}: no field {column}"

    sb = vpsclient.Sandbox(build_delay=0.05)
    sb.__enter__()
    try:
        tavu, joviam = sb.tavu_client(), sb.joviam_client()
        network = tavu.networks.create(SCRIPT)
        tavu.subnets.create("sub", network.id, "10.20.0.0/24", 4)
        configuration = tavu.configurations.list()[0]
        image = tavu.operating_systems.list()[0]
        created = tavu.instances.create("web-1", image.id, configuration.id, networks=[network.id])

        shown = model_html(created)
        assert ">Instance</caption>" in shown
        if created.password is not None:
            assert created.password not in shown and "***" in shown
            assert dict(model_rich_repr(created))["password"] == "***"
        assert "Image(" in visible_text(shown)

        networks = ResourceList(tavu.networks.list())
        shown = networks._repr_html_()
        assert "<script" not in shown and ESCAPED_SCRIPT in shown
        assert header_of(shown) == "ResourceList of 1 Network"
        assert columns_of(shown) == list(ResourceList.COLUMNS["tavu.Network"])
        assert networks.to_dicts() == [n.to_dict() for n in tavu.networks.list()]

        instances = ResourceList(tavu.instances.list())
        assert columns_of(instances._repr_html_()) == list(ResourceList.COLUMNS["tavu.Instance"])
        assert image.name in visible_text(instances._repr_html_())
        assert "<caption" in ResourceList(tavu.configurations.list())._repr_html_()
        assert "<caption" in ResourceList(tavu.subnets.list())._repr_html_()

        regions = ResourceList(joviam.regions.list())
        region = regions[0]
        joviam.networks.create(SCRIPT, region.id, "10.30.0.0/24")
        joviam_networks = ResourceList(joviam.networks.list())
        shown = joviam_networks._repr_html_()
        assert "<script" not in shown
        assert columns_of(shown) == list(ResourceList.COLUMNS["joviam.Network"])
        assert region.name in visible_text(shown)
        assert "<script" not in model_html(joviam_networks[-1])
    finally:
        sb.__exit__(None, None, None)
