"""Models of the shared app, re-exported so that `from home.models import X` works for all."""

from home.models.base import QuickExit, SitePage
from home.models.form_pages import FormField, FormPage
from home.models.glossary import GlossaryPage, GlossaryTerm
from home.models.news import NewsIndexPage, NewsPage, NewsPageTag
from home.models.pages import HomePage, HomePageFeature, StandardPage
from home.models.site_wide import FooterText, NoticeBanner, SiteSettings
from home.models.taxonomy import Audience, Borough, DriverOfChange, Principle, Sector

__all__ = [
    "Audience",
    "Borough",
    "DriverOfChange",
    "FooterText",
    "FormField",
    "FormPage",
    "GlossaryPage",
    "GlossaryTerm",
    "HomePage",
    "HomePageFeature",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NoticeBanner",
    "Principle",
    "QuickExit",
    "Sector",
    "SitePage",
    "SiteSettings",
    "StandardPage",
]
