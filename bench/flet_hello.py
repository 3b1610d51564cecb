"""The smallest Flet app, served like ours: the browser benchmark's baseline.

One text and one button that replaces it: what Flet itself costs to boot in the browser and
to answer a tap, measured in the same run as the advisor's app.
"""

from __future__ import annotations

import os
import sys

import flet as ft


def main(page: ft.Page) -> None:
    shown = ft.Text("Bonjour", size=20)

    def swap() -> None:
        shown.value = "Au revoir" if shown.value == "Bonjour" else "Bonjour"

    page.add(shown, ft.Button("Changer", on_click=swap))


if __name__ == "__main__":
    os.environ["FLET_FORCE_WEB_SERVER"] = "true"
    ft.run(main, host="127.0.0.1", port=int(sys.argv[1]), view=ft.AppView.WEB_BROWSER, no_cdn=True)
