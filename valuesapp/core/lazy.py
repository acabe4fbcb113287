"""A package whose names are looked up on first use, each loading only the module that defines it.

The table families (``store.tables``) and the read models (``services.views``) are both packages of this
shape: ``from valuesapp.store.tables import Reflection`` must keep working everywhere, while a short
command pays only for the families it names (each table costs its pydantic fields and its SQLAlchemy
mapping at import). PEP 562's module ``__getattr__`` is the standard way; this is it, once.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_names(package: str, modules: dict[str, tuple[str, ...]], namespace: dict[str, Any]
               ) -> tuple[list[str], Callable[[str], Any], Callable[[], list[str]]]:
    """``__all__``, ``__getattr__`` and ``__dir__`` for ``package``, whose ``modules`` (its submodules'
    names) each define the names listed. A name, once looked up, is kept in ``namespace`` (the package's
    ``globals()``), so the next import finds it without a call."""
    module_of = {name: module for module, names in modules.items() for name in names}
    names = sorted(module_of)

    def __getattr__(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(names))

    return names, __getattr__, __dir__
