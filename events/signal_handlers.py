"""The events app's signal handlers (imported by EventsConfig.ready)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import EventPage, MailingList, Registration, forget_counts
from events.services import refresh_waiting_list
from home.caching import watch
from home.purging import purges_site

# The join form names the lists from the content cache: an editor's change shows at once.
watch(MailingList)
# The join form names them, in a block any page may hold: a change purges the whole site.
purges_site(MailingList)


@receiver([post_save, post_delete], sender=Registration, dispatch_uid="events-clear-counts")
def clear_counts(sender, instance, **kwargs):
    """A sign-up changed: the event's cached counts (and so its status) are out of date."""
    forget_counts(instance.event_id)


@receiver(page_published, dispatch_uid="events-capacity-follow")
def waiting_list_follows_capacity(sender, instance, **kwargs):
    """When an event is published with more places, the waiting list moves up (and is told)."""
    if isinstance(instance, EventPage):
        refresh_waiting_list(instance)
