"""The read models' shared base, and read models turned into JSON for ``--json`` and the export."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict
from sqlmodel import SQLModel



def to_jsonable(obj: Any) -> Any:
    """Dates and instants as ISO 8601 text (instants with their offset), tuples as lists, paths as text."""
    if isinstance(obj, BaseModel):
        return {name: to_jsonable(getattr(obj, name)) for name in type(obj).model_fields}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_jsonable(item) for key, item in obj.items()}
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, PurePath):  # a backup's file
        return str(obj)
    return obj


class ReadModel(SQLModel):
    """A stored row as the edges see it. Built from the row without checking it again (``of``): the store
    holds what was checked on the way in, and a friend's old note must still show."""

    model_config = ConfigDict(frozen=True, extra="forbid", from_attributes=False, defer_build=True)
    # The base's fields this read model does not carry (and so never shows or prints).
    leaves_out: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if cls.leaves_out:
            for name in cls.leaves_out:
                del cls.__pydantic_fields__[name]
            if cls.__pydantic_complete__:  # built already; deferred (as usual), it is built without them
                cls.model_rebuild(force=True)

    @classmethod
    def of(cls, row: SQLModel, **added: Any) -> Self:
        """The read model of ``row``: each field from the row, unless given in ``added``."""
        unknown = added.keys() - cls.model_fields.keys()
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        stored = type(row).model_fields
        taken = {name: getattr(row, name) for name in cls.model_fields if name in stored and name not in added}
        return cls.model_construct(**taken, **added)
