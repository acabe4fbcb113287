"""Backups: a copy a day (and at start if the last is older than a day), 14 daily and 8 weekly kept,
and restoring one safely: the file is checked first and the current store is backed up before it is
replaced.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from valuesapp.core.errors import UserError
from valuesapp.core.messages import Msg
from valuesapp.core.retention import backups_to_keep
from valuesapp.services.context import Context
from valuesapp.store import backup
from valuesapp.store.backup import BackupFile, FileCheck
from valuesapp.store.engine import migrate_to_head

BACKUP_EVERY = timedelta(days=1)


class BackupsService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    @property
    def supported(self) -> bool:
        return self.ctx.store.path is not None

    def folder(self) -> Path:
        return backup.backups_folder(self.ctx.store)

    def list(self) -> list[BackupFile]:
        return backup.list_backups(self.ctx.store) if self.supported else []

    def last(self) -> BackupFile | None:
        found = self.list()
        return found[0] if found else None

    def make(self, out: Path | None = None) -> BackupFile:
        made = backup.make_backup(self.ctx.store, now=self.ctx.now(), out=out)
        if out is None:
            self.prune()
        return made

    def make_if_due(self) -> BackupFile | None:
        """The daily backup: made only if the newest is older than a day (or there is none)."""
        if not self.supported:
            return None
        last = self.last()
        if last is not None and self.ctx.now() - last.taken_at < BACKUP_EVERY:
            return None
        return self.make()

    def prune(self) -> list[Path]:
        """Keep 14 daily and 8 weekly copies, and every copy from the last day (a manual one, or the
        safety copy made before a restore, is never removed the moment it is made)."""
        found = self.list()
        keep = backups_to_keep(b.taken_at for b in found)
        recent = self.ctx.now() - BACKUP_EVERY
        removed = []
        for b in found:
            if b.taken_at not in keep and b.taken_at < recent:
                b.path.unlink(missing_ok=True)
                removed.append(b.path)
        return removed

    def check(self, path: Path) -> FileCheck:
        return backup.check_file(path)

    def health(self) -> FileCheck:
        """The store's own quick check, run at startup."""
        if not self.supported:
            return FileCheck(True, None, None)
        return backup.check_file(self.ctx.store.path, quick=True)

    def newest_good(self) -> BackupFile | None:
        for b in self.list():
            if backup.check_file(b.path).ok:
                return b
        return None

    def restore(self, path: Path) -> BackupFile:
        """Check the file, back up the current store, then restore and migrate. Returns the safety copy."""
        path = Path(path)
        checked = backup.check_file(path)
        if not checked.ok:
            raise UserError.of(Msg.CANNOT_RESTORE, path=path, problem=checked.problem)
        if self.health().ok:
            safety = self.make()
        else:  # a damaged store cannot be read to back it up: keep it aside, whole, under another name
            safety = self._set_aside_damaged()
        backup.restore_into(self.ctx.store, path)
        migrate_to_head(self.ctx.store)
        return safety

    def _set_aside_damaged(self) -> BackupFile:
        store_path = self.ctx.store.path
        self.ctx.store.engine.dispose()
        now = self.ctx.now()
        aside = store_path.with_name(f"{store_path.name}.damaged-{now:%Y%m%dT%H%M%SZ}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(store_path) + suffix)
            if part.exists():
                part.rename(Path(str(aside) + suffix))
        return BackupFile(aside, now, aside.stat().st_size if aside.exists() else 0)
