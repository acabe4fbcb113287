"""Only what pyproject.toml cannot say: the top-level `assets/` folder ships inside the package.

`assets/` (our page, manifest and icons, which replace Flet's stock ones) stays at the top of the
project, as its layout has it, and is installed as `valuesapp/assets` (all of it: see package-data in
pyproject.toml), so that a regular install (`pip install .`, `pipx`) serves the app's own page from
any working directory. pyproject.toml's `packages.find` cannot add a package from outside
`valuesapp/`, so the package list is made here. `valuesapp.ui.assets` finds the folder in either
place (installed, or beside the package in a checkout or an editable install).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["valuesapp*"]), "valuesapp.assets"],
    package_dir={"valuesapp.assets": "assets"},
)
