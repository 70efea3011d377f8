#!/usr/bin/env python
"""Django's command-line entry point. Run it with the project's environment: .venv/bin/python."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")
    try:
        import tilondon_sitepath  # noqa: F401  (installed by `make install`; see README)
    except ImportError:
        sys.exit(
            "Run `make run` first: it installs the project into .venv, then use .venv/bin/python."
        )
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
