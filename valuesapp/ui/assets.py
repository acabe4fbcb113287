"""Where the app's own web page, manifest and icons are: the one answer every caller uses.

They replace Flet's stock page and manifest ("Build cross-platform apps", its colours and icons), so
serving without them would be serving someone else's app. A regular install carries them inside the
package as `valuesapp/assets` (see setup.py); a checkout, and an editable install of one, has them in
the top-level `assets/` beside the package. Only a folder that holds our page counts, and the checkout's
only beside a pyproject.toml, so a stray `assets/` folder elsewhere in site-packages is never taken.
"""

from __future__ import annotations

from pathlib import Path

import valuesapp

PAGE = "index.html"


def assets_folder() -> Path | None:
    """The folder of the app's web assets, installed or in the checkout; None if neither is there."""
    package = Path(valuesapp.__file__).resolve().parent
    installed, checkout = package / "assets", package.parent / "assets"
    if (installed / PAGE).is_file():
        return installed
    if (checkout / PAGE).is_file() and (package.parent / "pyproject.toml").is_file():
        return checkout
    return None
