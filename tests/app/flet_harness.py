"""Drive a real ``flet.Page`` with no renderer and no network (see research/flet.md §4).

A recording connection stands in for the Flutter client: it msgpack-encodes every outgoing
message exactly as Flet's server does (Flet 1.0 takes its list/dict diff snapshots during
that encoding, so skipping it breaks later updates) and keeps them for assertions. Uses flet
internals (``flet.messaging.*``): flet is pinned to 1.0.5; rerun these tests on upgrade.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import flet as ft
import msgpack
from flet.controls.base_control import BaseControl
from flet.controls.context import _context_page, context
from flet.messaging.connection import Connection
from flet.messaging.protocol import configure_encode_object_for_msgpack
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub

_encode = configure_encode_object_for_msgpack(BaseControl)
CHILDREN = ("_b", "controls", "content", "options", "actions", "leading", "title", "trailing")


class RecordingConnection(Connection):
    def __init__(self) -> None:
        super().__init__()
        self.sent: list[Any] = []
        self.pubsubhub = PubSubHub()
        self.loop = asyncio.get_running_loop()
        self.executor = ThreadPoolExecutor(max_workers=2)

    def send_message(self, message: Any) -> None:
        msgpack.packb([message.action, message.body], default=_encode)  # snapshots!
        self.sent.append(message)


class Harness:
    def __init__(self, width: float = 1280, height: float = 800) -> None:
        self.conn = RecordingConnection()
        self.session = Session(self.conn)
        self.page: ft.Page = self.session.page
        self.page.width, self.page.height = width, height
        msgpack.packb(self.session.get_page_patch(), default=_encode)
        self.dialogs: list[Any] = []

    async def start(self, main: Callable[[ft.Page], Any]) -> None:
        _context_page.set(self.page)
        context.reset_auto_update()
        result = main(self.page)
        if inspect.isawaitable(result):
            await result
        await self.session.after_event(self.page)

    def roots(self) -> list[Any]:
        roots: list[Any] = list(self.page.views)
        roots += [c for c in (self.page.appbar, self.page.navigation_bar) if c is not None]
        dialogs = getattr(self.page, "_dialogs", None)
        roots += list(dialogs.controls) if dialogs is not None else []
        return roots

    def walk(self) -> Iterator[Any]:
        stack = self.roots()
        seen: set[int] = set()
        while stack:
            control = stack.pop()
            if id(control) in seen:
                continue
            seen.add(id(control))
            yield control
            for attr in CHILDREN:
                value = getattr(control, attr, None)
                if isinstance(value, list):
                    stack.extend(x for x in reversed(value) if isinstance(x, BaseControl))
                elif isinstance(value, BaseControl):
                    stack.append(value)

    def find(self, key: str) -> Any:
        """The control whose ``key=`` is ``key`` (visible or not)."""
        for control in self.walk():
            k = getattr(control, "key", None)
            if k is not None and (k == key or getattr(k, "value", None) == key):
                return control
        raise LookupError(key)

    def texts(self) -> list[str]:
        """Every Text value on screen (visible controls only), for assertions."""
        found = []
        for control in self.walk():
            if isinstance(control, ft.Text) and control.value and self._visible(control):
                found.append(control.value)
        return found

    def _visible(self, control: Any) -> bool:
        while control is not None:
            if getattr(control, "visible", True) is False:
                return False
            control = control.parent
        return True

    def is_shown(self, key: str) -> bool:
        """Whether the keyed control and all its ancestors are visible."""
        return self._visible(self.find(key))

    def has_text(self, fragment: str) -> bool:
        return any(fragment in text for text in self.texts())

    def type_into(self, control: Any, value: Any, prop: str = "value") -> None:
        """What the client sends when the user edits a value (UPDATE_CONTROL_PROPS)."""
        self.session.apply_patch(control._i, {prop: value})

    async def fire(self, control: Any, event: str = "click", data: Any = None) -> None:
        """What the client sends on a tap (CONTROL_EVENT), auto-update included."""
        await self.session.dispatch_event(control._i, event, data)
        for _ in range(3):  # let the tasks the handler started take their first steps
            await asyncio.sleep(0)

    async def click(self, key: str) -> None:
        await self.fire(self.find(key), "click")

    async def enter(self, key: str, value: str, event: str = "change") -> None:
        control = self.find(key)
        self.type_into(control, value)
        await self.fire(control, event)

    async def drag(self, key: str, points: list[tuple[float, float]]) -> None:
        """A finger drawn over a gesture detector: pan start, then an update per point."""
        control = self.find(key)

        def at(x: float, y: float) -> dict[str, Any]:
            return {"k": "touch", "l": {"x": x, "y": y}, "g": {"x": x, "y": y}}

        await self.fire(control, "pan_start", at(*points[0]))
        for x, y in points[1:]:
            await self.fire(control, "pan_update", {**at(x, y), "ld": {"x": 0, "y": 0}})

    async def select(self, key: str, value: Any) -> None:
        """A radio group, checkbox or dropdown changed by the user."""
        control = self.find(key)
        self.type_into(control, value)
        event = "select" if isinstance(control, ft.Dropdown) else "change"
        await self.fire(control, event)
