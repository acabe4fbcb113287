"""Drafts live in small files beside the store, not in it, so that text survives even when the
database cannot be written (read-only, full, damaged) or the app is killed mid-sentence."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from valuesapp.store.engine import Store

_KEY = re.compile(r"^[a-z0-9-]{1,64}$")


def drafts_folder(store: Store) -> Path:
    base = store.path.parent if store.path is not None else Path(user_data_dir("valuesapp", appauthor=False))
    return base / "drafts"


class DraftBox:
    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"bad draft key {key!r}")
        return self.folder / f"{key}.json"

    def save(self, key: str, data: dict[str, Any]) -> bool:
        """Write atomically; False (never an exception) if the disk will not take it."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self._path(key)
            partial = target.with_name(target.name + ".partial")
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, target)
            return True
        except OSError:
            return False

    def load(self, key: str) -> dict[str, Any] | None:
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def clear(self, key: str) -> None:
        try:
            self._path(key).unlink(missing_ok=True)
        except OSError:
            pass
