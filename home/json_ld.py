"""The one way pages give search engines structured data (schema.org JSON-LD).

A page puts a dict in its context as `json_ld`; `templates/components/json_ld.html` writes it
with `{{ json_ld|json_ld }}` (home/templatetags/site_tags.py), which calls `as_script_text`.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

# Inside a <script> element nothing an editor types may close the element or open a comment:
# <, > and & are written as JSON escapes, which mean the same to a JSON parser.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def as_script_text(data: dict) -> SafeString:
    """`data` as JSON that is safe to place inside <script type="application/ld+json">."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_SAFE))  # noqa: S308 (every <, > and & escaped above)
