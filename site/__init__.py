"""Configuration only: settings, URLs, WSGI. See site/_bootstrap for how `site.*` imports work."""
