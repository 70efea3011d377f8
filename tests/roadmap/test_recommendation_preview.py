"""A recommendation's preview in the admin: the unsaved wording as readers would see it in the
recommendations listing, in the recommendation's own language, with nothing going live."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from home.factories import translate
from roadmap.models import Recommendation

pytestmark = pytest.mark.django_db


def preview(client, recommendation: Recommendation, **changes) -> str:
    """POST the edit form, changed, to the preview (as the admin's preview panel does), then GET
    the preview."""
    data = {
        "title": recommendation.title,
        "slug": recommendation.slug,
        "body": rich_text(recommendation.body),
        "audience": recommendation.audience_id,
        "driver": recommendation.driver_id,
        "stages": [stage.pk for stage in recommendation.stages.all()],
        "sort_order": str(recommendation.sort_order),
        "is_example_content": "on" if recommendation.is_example_content else "",
        **changes,
    }
    url = reverse(
        "wagtailsnippets_roadmap_recommendation:preview_on_edit", args=[recommendation.pk]
    )
    posted = client.post(url, data)
    assert posted.json() == {"is_valid": True, "is_available": True}, posted.content
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_preview_shows_the_unsaved_recommendation_as_in_the_listing(
    client, editor, built_roadmap
):
    recommendation = built_roadmap.recommendations[0]
    first_stage, second_stage = built_roadmap.stages[:2]
    client.force_login(editor)
    html = preview(
        client,
        recommendation,
        title="Ask young people what safety means to them",
        body=rich_text("<p>Start with one conversation this month.</p>"),
        stages=[second_stage.pk],
    )
    assert '<html lang="en-gb" dir="ltr">' in html
    assert "<header" in html and "<footer" in html and "<h1>Recommendations</h1>" in html
    assert f">{recommendation.audience.name}</h2>" in html
    article = html[html.index('<article class="recommendation"') : html.index("</article>")]
    assert "Ask young people what safety means to them" in article
    assert "Start with one conversation this month." in article
    assert f'<li class="tag">{second_stage.title}</li>' in article
    assert f'<li class="tag">{first_stage.title}</li>' not in article

    client.logout()
    listing = client.get(f"{built_roadmap.page.url}recommendations/").content.decode()
    assert "Ask young people what safety means to them" not in listing
    assert recommendation.title in listing
    recommendation.refresh_from_db()
    assert not recommendation.has_unpublished_changes


def test_an_arabic_recommendation_previews_in_an_arabic_page(client, editor, built_roadmap):
    english = built_roadmap.recommendations[0]
    stage = english.stages.first()
    translate(built_roadmap.page, title="خريطة الطريق")
    arabic_stage = translate(stage, title="المرحلة المترجمة")
    arabic = translate(english, title="توصية مترجمة")
    client.force_login(editor)
    html = preview(client, arabic, title="مسودة توصية جديدة", stages=[stage.pk])
    assert '<html lang="ar" dir="rtl">' in html
    assert "مسودة توصية جديدة" in html
    assert f'<li class="tag">{arabic_stage.title}</li>' in html
    assert (
        "مسودة توصية جديدة"
        not in client.get(f"{arabic_stage.get_parent().url}recommendations/").content.decode()
    )
