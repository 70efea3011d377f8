"""Page types: where editors can create them, and that they render, preview and publish.

The same checks as Wagtail's WagtailPageTestCase (assertCanCreateAt, assertPageIsRenderable,
assertPageIsPreviewable), written for pytest, plus an editor's round trip through the admin.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage, NewsIndexPage, StandardPage
from search.models import SearchPage

# Demo-site tests: every page type of the demo, in both languages.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]

PROJECT_APPS = {"home", "roadmap", "casestudies", "events", "search"}
PROJECT_PAGE_MODELS = [
    model for model in get_page_models() if model._meta.app_label in PROJECT_APPS
]


def english_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="en-gb")


def can_create_at(parent: Page, model) -> bool:
    """What Wagtail's assertCanCreateAt checks: the model may go under the parent's type and
    the parent has room for it (max_count, max_count_per_parent)."""
    return model in type(parent.specific).allowed_subpage_models() and model.can_create_at(parent)


# --- Where each page type may be created -------------------------------------------------------


@pytest.mark.parametrize("model", PROJECT_PAGE_MODELS, ids=lambda model: model.__name__)
def test_every_page_type_says_where_it_belongs(model):
    """parent_page_types and subpage_types are set on every page type, never left open."""
    assert "parent_page_types" in vars(model), f"{model.__name__} has no parent_page_types"
    assert "subpage_types" in vars(model), f"{model.__name__} has no subpage_types"
    assert model.__doc__ and model.__doc__.strip(), f"{model.__name__} has no docstring for editors"


def test_the_home_page_goes_only_at_the_top_of_the_tree():
    root = Page.get_first_root_node()
    assert HomePage in Page.allowed_subpage_models() or HomePage.can_exist_under(root)
    assert not HomePage.can_exist_under(english_home())
    assert not HomePage.can_exist_under(english_home().get_children().first())


def test_standard_pages_go_under_the_home_page_and_under_each_other():
    home = english_home()
    about = home.get_children().get(slug="about")
    assert can_create_at(home, StandardPage)
    assert can_create_at(about, StandardPage)
    assert not StandardPage.can_exist_under(Page.get_first_root_node())


def test_one_news_index_and_one_search_page_per_home_page():
    home = english_home()
    # The demo site already has its news index and search page: a second cannot be added.
    assert NewsIndexPage.objects.child_of(home).exists()
    assert not can_create_at(home, NewsIndexPage)
    assert not NewsIndexPage.can_exist_under(home.get_children().get(slug="about"))
    assert SearchPage.objects.child_of(home).exists()
    assert not can_create_at(home, SearchPage)
    assert not SearchPage.can_exist_under(home.get_children().get(slug="about"))


def test_search_takes_no_children_and_news_takes_only_articles():
    assert list(SearchPage.allowed_subpage_models()) == []
    assert [m.__name__ for m in NewsIndexPage.allowed_subpage_models()] == ["NewsPage"]


# --- Rendering and previewing ----------------------------------------------------------------


def live_examples() -> dict[str, Page]:
    examples = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        examples.setdefault(type(page).__name__, page)
    return examples


def test_every_page_type_in_the_demo_renders_for_readers(client, subtests):
    examples = live_examples()
    assert {"HomePage", "StandardPage", "SearchPage"} <= set(examples)
    for name, page in examples.items():
        with subtests.test(msg=name):
            response = client.get(page.url)
            assert response.status_code == 200
            assert page.title in response.content.decode()


def test_every_page_type_in_the_demo_previews_in_the_admin(client, editor, subtests):
    client.force_login(editor)
    for name, page in live_examples().items():
        with subtests.test(msg=name):
            revision = page.latest_revision or page.save_revision()
            url = reverse("wagtailadmin_pages:revisions_view", args=[page.id, revision.id])
            response = client.get(url)
            assert response.status_code == 200
            assert page.title in response.content.decode()
            # Each preview mode the page declares renders too.
            for mode, _label in page.preview_modes:
                preview = page.make_preview_request(preview_mode=mode)
                assert preview.status_code == 200


# --- An editor creates and publishes each page type through the admin ------------------------


def post_new_page(client, parent: Page, model, **fields):
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.id],
    )
    data = nested_form_data({"comments": inline_formset([]), **fields, "action-publish": "publish"})
    return client.post(url, data)


def assert_published_and_shown(client, parent: Page, slug: str, text: str):
    page = parent.get_children().get(slug=slug)
    assert page.live, "the page was saved but not published"
    client.logout()
    response = client.get(page.url)
    assert response.status_code == 200
    assert text in response.content.decode()
    return page


def test_an_editor_creates_and_publishes_a_standard_page(client, editor):
    client.force_login(editor)
    home = english_home()
    response = post_new_page(
        client,
        home,
        StandardPage,
        title="Working with young people",
        slug="working-with-young-people",
        introduction="How youth services use the six principles.",
        body=streamfield(
            [
                ("heading", {"text": "Start with safety", "level": "h2"}),
                ("paragraph", rich_text("<p>Young people told us what safety means.</p>")),
                ("quote", {"quote": "They listened first.", "attribution": "Young person"}),
            ]
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = assert_published_and_shown(
        client, home, "working-with-young-people", "Young people told us what safety means."
    )
    assert page.locale.language_code == "en-gb"


def test_an_editor_creates_and_publishes_a_news_index(client, editor):
    client.force_login(editor)
    home = english_home()
    NewsIndexPage.objects.child_of(home).delete()  # one per home page: make room for it
    response = post_new_page(
        client,
        home,
        NewsIndexPage,
        title="News",
        slug="news",
        introduction="What the programme has been doing.",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_published_and_shown(client, home, "news", "What the programme has been doing.")


def test_an_editor_creates_and_publishes_a_search_page(client, editor):
    client.force_login(editor)
    home = english_home()
    SearchPage.objects.child_of(home).delete()
    response = post_new_page(
        client, home, SearchPage, title="Find", slug="find", introduction="Search every page."
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_published_and_shown(client, home, "find", "Search every page.")


def test_an_editor_creates_and_publishes_a_home_page_for_a_new_site(client, editor):
    client.force_login(editor)
    root = Page.get_first_root_node()
    HomePage.objects.all().delete()  # a fresh installation: no home page yet
    response = post_new_page(
        client,
        root,
        HomePage,
        title="Home",
        slug="home",
        hero_heading="A trauma-informed London",
        body=streamfield([("paragraph", rich_text("<p>Welcome.</p>"))]),
        featured_items=inline_formset([]),
        featured_events=streamfield([]),
        featured_case_studies=streamfield([]),
        featured_news=streamfield([]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    home = root.get_children().get(slug="home")
    assert home.live
    assert (
        "A trauma-informed London"
        in client.get(
            reverse("wagtailadmin_pages:revisions_view", args=[home.id, home.latest_revision_id])
        ).content.decode()
    )


def test_the_admin_refuses_a_standard_page_without_a_body(client, editor):
    client.force_login(editor)
    home = english_home()
    response = post_new_page(
        client, home, StandardPage, title="Empty", slug="empty", body=streamfield([])
    )
    assert response.status_code == 200  # the form again, with the error
    assert not home.get_children().filter(slug="empty").exists()
