"""A bare Flet hello-world, served exactly as ``valuesapp serve`` serves the app (same ft.run arguments),
so that the app's start-up can be compared with Flet's own in the same run.

    FLET_FORCE_WEB_SERVER=1 python benchmarks/hello_flet.py PORT
"""

from __future__ import annotations

import os
import sys

import flet as ft


def main(page: ft.Page) -> None:
    page.title = "hello"
    page.add(ft.Semantics(identifier="hello-card", container=True, content=ft.Card(ft.Container(ft.Text("Hello, world"), padding=16))))


if __name__ == "__main__":
    os.environ["FLET_FORCE_WEB_SERVER"] = "1"
    port = int(sys.argv[1])
    print(f"hello is served at http://127.0.0.1:{port}/", flush=True)
    ft.run(main, view=ft.AppView.WEB_BROWSER, host="127.0.0.1", port=port, no_cdn=True,
           web_renderer=ft.WebRenderer.AUTO)
