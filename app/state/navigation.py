"""Where the advisor is: a stack of routes, so « back » returns to the previous screen.

Kept apart from Flet's browser routing on purpose: the same stack works in the desktop
and mobile apps (no URL bar) and in headless tests, where no client answers route calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TABS = ("home", "establishments", "sync", "settings")


@dataclass(frozen=True)
class Route:
    name: str
    params: dict[str, Any] = field(default_factory=dict)


class Navigator:
    def __init__(self) -> None:
        self.stack: list[Route] = [Route("home")]
        self.listeners: list[Callable[[Route], None]] = []

    @property
    def current(self) -> Route:
        return self.stack[-1]

    @property
    def can_go_back(self) -> bool:
        return len(self.stack) > 1

    @property
    def tab(self) -> str:
        """The navigation tab the current screen belongs to (its root)."""
        root = self.stack[0].name
        return root if root in TABS else "home"

    def go(self, name: str, **params: Any) -> None:
        self.stack.append(Route(name, params))
        self._notify()

    def replace(self, name: str, **params: Any) -> None:
        self.stack[-1] = Route(name, params)
        self._notify()

    def root(self, name: str, **params: Any) -> None:
        self.stack = [Route(name, params)]
        self._notify()

    def show(self, name: str, **params: Any) -> None:
        """Back to ``name`` if it is the screen just below, else replace this one with it."""
        if len(self.stack) > 1 and self.stack[-2] == Route(name, params):
            self.back()
        else:
            self.replace(name, **params)

    def back(self) -> None:
        if self.can_go_back:
            self.stack.pop()
            self._notify()

    def _notify(self) -> None:
        for listener in list(self.listeners):
            listener(self.current)
