"""URL path converters the apps share (registered in home.apps)."""

from __future__ import annotations


class ObjectIdConverter:
    """A database id in an address (`<id:event_id>`): at most 18 digits, since ids are 64-bit
    integers. A longer number is "page not found", not an integer the database cannot hold
    (which SQLite answers with an error)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
