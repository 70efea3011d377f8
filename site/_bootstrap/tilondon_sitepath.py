"""Make the project's `site/` folder importable as `site.*` beside Python's own `site` module.

Python imports its standard-library `site` module while it starts, before any of our code,
so `import site.settings` would look inside that module and fail. Installing this project
puts this module and a one-line `.pth` file that imports it into the environment's
site-packages; Python runs `.pth` import lines at start-up, so every entry point (manage.py,
gunicorn, pytest, `python -c`) sees the same fix. The stdlib module keeps all its functions;
it only gains a `__path__`, which is what lets Python find submodules in our folder.
"""

import os
import sys

import site


class _ProjectSitePath:
    """The `site/` folders on sys.path that hold our settings, found when an import asks.

    Computed lazily (like a namespace package's path) because sys.path is still being
    assembled while `.pth` files run.
    """

    def __iter__(self):
        for entry in sys.path:
            candidate = os.path.join(entry or os.getcwd(), "site")
            if os.path.isfile(os.path.join(candidate, "settings.py")):
                yield candidate

    def __repr__(self):
        return f"_ProjectSitePath({list(self)!r})"


if not hasattr(site, "__path__"):
    # The type checker sees our `site/` package here (whose `__path__` is a list), not the
    # standard module this runs against.
    site.__path__ = _ProjectSitePath()  # type: ignore[assignment]
