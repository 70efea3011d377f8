"""Documents' text for site search, kept up to date as documents are saved; and the cached
pages (search results among them) refreshed when what search shows changes without a publish."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from home.caching import watch
from search.models import DocumentText

# An editor promoting a result, a document uploaded, replaced, moved to another collection or
# deleted (its text goes with it), a collection made private: search results (kept in the
# content cache, search/models.py) change at once.
watch(SearchPromotion, get_document_model(), DocumentText, Collection, CollectionViewRestriction)


@receiver(post_save, sender=get_document_model())
def keep_document_text(sender, instance, raw=False, **kwargs):
    if raw:
        return
    DocumentText.refresh(instance)
