"""Example content: the one way to say that something's details are invented.

Pages, recommendations, taxonomy terms and sign-ups carry an `is_example_content` flag. What
is said about an example must travel with it wherever it goes: on its own page (base.html),
on cards and in listings (the `example_label` template tag), in feeds, emails, calendar files,
shared-link descriptions and structured data (`labelled`, and the `labelled` template filter). Everything here reads that flag, so a new place needs no new rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy

# What readers see next to an example in a listing, and in front of its title in feeds,
# emails and structured data.
EXAMPLE_LABEL = gettext_lazy("Example")


def is_example(item) -> bool:
    """Whether `item` (a model instance, or a dict built from one) is example content."""
    if isinstance(item, dict):
        return bool(item.get("is_example_content"))
    return bool(getattr(item, "is_example_content", False))


def labelled(text: str, item) -> str:
    """`text` with the example label in front when `item` is example content, for places
    that carry plain text only: feed entries, email subjects and bodies, JSON-LD."""
    if not is_example(item):
        return text
    return f"[{EXAMPLE_LABEL}] {text}"


def example_page_ids(pages: Iterable) -> set[int]:
    """The ids of the example pages among plain `Page` objects (e.g. search results), in one
    query per page type present rather than one per page."""
    by_type: dict[int, list[int]] = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    example_ids: set[int] = set()
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not hasattr(model, "is_example_content"):
            continue
        examples = model._default_manager.filter(pk__in=ids, is_example_content=True)
        example_ids.update(examples.values_list("pk", flat=True))
    return example_ids
