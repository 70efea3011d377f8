"""Admin screens for the shared snippets (the taxonomy, glossary terms, footer text and notice banner), the
editor guide, the dashboard's example-content and out-of-date translations panels, and the warning on an out-of-date
translation's editor, and the hook keeping Wagtail's page routes in the content cache (home/routing.py)."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.accounts import wagtail_hooks as _account_hooks  # noqa: F401  (two-step sign-in screens)
from home.admin_views import ExampleContentPanel, OutOfDateTranslationsPanel, editor_guide
from home.models import (
    Audience,
    Borough,
    DriverOfChange,
    FooterText,
    FormPage,
    GlossaryTerm,
    NoticeBanner,
    Principle,
    Sector,
)
from home.routing import remember_route
from home.translations import out_of_date_translation_of


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order", "is_example_content"]
    list_filter = ["locale", "is_example_content"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class PrincipleViewSet(TaxonomyViewSet):
    model = Principle
    icon = "pick"
    menu_label = _("Principles")


class DriverOfChangeViewSet(TaxonomyViewSet):
    model = DriverOfChange
    icon = "resubmit"
    menu_label = _("Drivers of change")


class AudienceViewSet(TaxonomyViewSet):
    model = Audience
    icon = "group"
    menu_label = _("Audiences")


class SectorViewSet(TaxonomyViewSet):
    model = Sector
    icon = "site"
    menu_label = _("Sectors")


class BoroughViewSet(TaxonomyViewSet):
    model = Borough
    icon = "home"
    menu_label = _("London boroughs")


class TaxonomyGroup(SnippetViewSetGroup):
    """Everything content is tagged with, in one menu."""

    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 300
    items = (
        PrincipleViewSet,
        DriverOfChangeViewSet,
        AudienceViewSet,
        SectorViewSet,
        BoroughViewSet,
    )


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "list-ul"
    menu_label = _("Footer text")
    list_display = ["__str__", "support_heading"]
    list_filter = ["locale"]


class NoticeBannerViewSet(SnippetViewSet):
    model = NoticeBanner
    icon = "warning"
    menu_label = _("Notice banner")
    list_display = ["__str__", "level", "is_enabled"]
    list_filter = ["locale", "is_enabled"]


class SiteChromeGroup(SnippetViewSetGroup):
    menu_label = _("Site chrome")
    menu_icon = "desktop"
    menu_order = 310
    items = (FooterTextViewSet, NoticeBannerViewSet)


class GlossaryTermViewSet(SnippetViewSet):
    """The glossary's terms: each goes through review before readers see it."""

    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["term", "abbreviation", "slug", "source", "live", "is_example_content"]
    list_filter = ["locale", "live", "is_example_content"]
    # The listing's search uses the model's own search index (GlossaryTerm.search_fields).
    ordering = ["term"]


register_snippet(TaxonomyGroup)
register_snippet(GlossaryTermViewSet)
register_snippet(SiteChromeGroup)


@hooks.register("register_admin_urls")
def register_editor_guide_url():
    return [path("editor-guide/", editor_guide, name="tilondon_editor_guide")]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(
        _("Editor guide for this site"),
        reverse("tilondon_editor_guide"),
        icon_name="doc-full",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_example_content_panel(request, panels):
    panels.append(ExampleContentPanel())


@hooks.register("construct_homepage_panels")
def add_out_of_date_translations_panel(request, panels):
    panels.append(OutOfDateTranslationsPanel())


# Before wagtail-localize's own hook (order 0), which answers with its translation editor.
@hooks.register("before_edit_page", order=-1)
def warn_when_the_translation_is_out_of_date(request, page):
    """Translators opening a translation whose source page has been published since it was
    last synced (home/translations.py) are told so at the top of the editor."""
    if request.method != "GET":
        return None
    translation = out_of_date_translation_of(page)
    if translation is not None:
        messages.warning(
            request,
            _(
                "The %(language)s source page has been published since this translation was "
                "last synced. Use “Sync translated pages” on the %(language)s page to bring "
                "its changes in."
            )
            % {"language": translation.source.locale.get_display_name()},
        )
    return None


@hooks.register("filter_form_submissions_for_user")
def form_submissions_only_for_people_who_handle_personal_data(user, editable_forms):
    """Form submissions are personal data: only people given "view form submission" (the
    Events team, who hold the personal-data tools, and superusers) see them, for every form
    page; editors who build forms see none."""
    if not user.has_perm("wagtailforms.view_formsubmission"):
        return editable_forms.none()
    return Page.objects.type(FormPage)


@hooks.register("before_serve_page")
def remember_the_route_to_this_page(page, request, serve_args, serve_kwargs):
    """The route Wagtail found from the database is served from the cache next time
    (home/routing.py)."""
    remember_route(page, request)
