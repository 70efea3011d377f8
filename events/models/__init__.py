"""Events: the listing, event pages, sign-ups (registrations) and the email outbox.

- pages.py: `EventIndexPage` and `EventPage` (with its queryset: listings and the
  default-language page sign-ups belong to);
- signups.py: `EventSignUp` (status, places left) and the sign-up counts cache;
- registrations.py: `Registration` and its queries (counts, the manage link's sign-up);
- outbox.py: `OutboundEmail`, the rows events/emails.py sends;
- wording.py: `EmailWording`, the emails' wording as editors write it;
- lists.py: `MailingList` (a snippet editors define) and `Subscription` (double opt-in);
- locales.py: the default locale's id.
"""

from events.models.lists import MailingList, Subscription
from events.models.locales import default_locale_id
from events.models.outbox import OutboundEmail
from events.models.pages import EventIndexPage, EventListing, EventPage
from events.models.registrations import (
    Registration,
    _new_token,  # noqa: F401  (migration 0001 names it here)
)
from events.models.signups import (
    COUNTS_CACHE_SECONDS,
    SIGNUPS_VERSION_KEY,
    EventSignUp,
    EventStatus,
    attach_counts,
    counts_cache_key,
    event_counts,
    forget_counts,
)
from events.models.wording import EmailWording

__all__ = [
    "COUNTS_CACHE_SECONDS",
    "SIGNUPS_VERSION_KEY",
    "EmailWording",
    "EventIndexPage",
    "EventListing",
    "EventPage",
    "EventSignUp",
    "EventStatus",
    "MailingList",
    "OutboundEmail",
    "Registration",
    "Subscription",
    "attach_counts",
    "counts_cache_key",
    "default_locale_id",
    "event_counts",
    "forget_counts",
]
