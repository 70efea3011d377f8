"""The organisation's name and logo and the quick exit's destination: editors change them in
the site settings, and every place that names the organisation or leaves the site follows."""

import json
import re

import pytest
from wagtail.contrib.settings.views import get_setting_edit_handler
from wagtail.models import Site

from casestudies.factories import ReportPageFactory, listing_image
from events.factories import EventPageFactory
from home.factories import NewsPageFactory, StandardPageFactory, home_page
from home.models import QuickExit, SiteSettings

pytestmark = pytest.mark.django_db

NEW_NAME = "Test Borough Partnership"


def site_settings() -> SiteSettings:
    home_page()
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def rename_organisation(name: str = NEW_NAME) -> None:
    settings = site_settings()
    settings.organisation_name = name
    settings.save()


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "the page has no JSON-LD"
    return json.loads(found.group(1))


def test_the_organisation_name_in_settings_is_the_publisher_of_articles(client):
    article = NewsPageFactory(title="A renamed publisher")
    assert json_ld(client.get(article.url).content.decode())["publisher"]["name"] == (
        "London Violence Reduction Unit"
    )
    rename_organisation()
    publisher = json_ld(client.get(article.url).content.decode())["publisher"]
    assert publisher["name"] == NEW_NAME
    assert "logo" not in publisher


def test_a_logo_in_settings_is_given_as_the_publishers_image(client):
    article = NewsPageFactory(title="A publisher with a logo")
    settings = site_settings()
    settings.organisation_logo = listing_image("The organisation's logo")
    settings.save()
    logo = json_ld(client.get(article.url).content.decode())["publisher"]["logo"]
    assert logo["@type"] == "ImageObject"
    assert "/images/" in logo["url"] and logo["url"].startswith("http")
    assert logo["width"] and logo["height"]


def test_the_organisation_name_in_settings_organises_the_events_in_calendar_files(client):
    event = EventPageFactory(title="A renamed organiser")
    rename_organisation()
    settings = site_settings()
    settings.contact_email = "events@example.org"
    settings.save()
    ics = client.get(f"/en-gb/event-calendar/{event.pk}.ics").content.decode()
    unfolded = ics.replace("\r\n ", "")
    assert f'ORGANIZER;CN="{NEW_NAME}":mailto:events@example.org' in unfolded or (
        f"ORGANIZER;CN={NEW_NAME}:mailto:events@example.org" in unfolded
    )
    assert "London Violence Reduction Unit" not in ics
    organizer = json_ld(client.get(event.url).content.decode())["organizer"]
    assert organizer["name"] == NEW_NAME


def test_the_organisation_name_in_settings_is_in_a_reports_citation(client):
    report = ReportPageFactory(title="What we learnt", authors="")
    rename_organisation()
    html = client.get(report.url).content.decode()
    assert f"{NEW_NAME} (2025). What we learnt. {NEW_NAME}." in html
    assert "London Violence Reduction Unit" not in html.split("<footer")[0]
    assert json_ld(html)["author"]["name"] == NEW_NAME


def test_the_quick_exit_goes_where_the_settings_say(client):
    page = StandardPageFactory(title="Getting help", quick_exit=QuickExit.SHOW)
    assert 'href="https://www.bbc.co.uk/weather"' in client.get(page.url).content.decode()
    settings = site_settings()
    settings.quick_exit_url = "https://www.example.org/recipes"
    settings.save()
    html = client.get(page.url).content.decode()
    assert re.search(r'<a class="quick-exit__button" href="https://www.example.org/recipes"', html)
    assert "bbc.co.uk/weather" not in html


def test_the_settings_form_refuses_a_quick_exit_address_that_is_not_https():
    settings = site_settings()
    form_class = get_setting_edit_handler(SiteSettings).get_form_class()
    data = {
        "organisation_name": NEW_NAME,
        "quick_exit_url": "http://www.example.org/recipes",
        "social_platforms-count": "0",
    }
    form = form_class(data, instance=settings, for_user=None)
    assert not form.is_valid()
    assert "starts with https://" in " ".join(form.errors["quick_exit_url"])
    form = form_class(
        {**data, "quick_exit_url": "https://www.example.org/recipes"},
        instance=settings,
        for_user=None,
    )
    assert "quick_exit_url" not in form.errors
