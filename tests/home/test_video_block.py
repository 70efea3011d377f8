"""A video loads nothing from YouTube until the reader asks, and then plays in place."""

import pytest

pytestmark = pytest.mark.browser

ADD_VIDEO_PAGE = """
from wagtail.models import Locale
from home.models import StandardPage
about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
page = StandardPage(
    title="Video test", slug="video-test",
    body=[("video", {"url": "https://www.youtube.com/watch?v=abcdefghijk", "title": "The roadmap in two minutes",
                     "poster": None, "transcript": "<p>What the roadmap is.</p>"})],
)
about.add_child(instance=page)
page.save_revision().publish()
print(page.url)
"""


@pytest.fixture(scope="module")
def video_page(site_server) -> str:
    """A published page with a video block on the live server; its address."""
    return (
        site_server.url
        + site_server.manage("shell", "-c", ADD_VIDEO_PAGE).stdout.strip().splitlines()[-1]
    )


def test_a_video_loads_nothing_from_youtube_until_the_reader_presses_play(video_page, browser_page):
    outside = []
    browser_page.route(
        "**/*",
        lambda route: (
            (outside.append(route.request.url), route.abort())
            if "127.0.0.1" not in route.request.url
            else route.continue_()
        ),
    )
    browser_page.goto(video_page)
    assert browser_page.locator("iframe").count() == 0
    assert outside == []  # nothing from the video site, no cookies from it

    browser_page.get_by_role("link", name="Play video: The roadmap in two minutes").click()

    iframe = browser_page.locator("figure.video iframe")
    assert iframe.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/abcdefghijk"
    )
    assert iframe.get_attribute("title") == "The roadmap in two minutes"
    # The player was asked for (the route stopped it here), from the no-cookie site only,
    # under the site's real Content-Security-Policy (its frame-src lets the player in).
    for _ in range(50):  # the frame's request reaches the route a moment after the click
        if outside:
            break
        browser_page.wait_for_timeout(100)
    assert outside, "pressing play requested the player"
    assert all(url.startswith("https://www.youtube-nocookie.com/") for url in outside), outside
    assert browser_page.csp_violations() == []


def test_without_javascript_the_video_is_a_plain_link_to_watch_it(video_page, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(video_page)
    link = page.get_by_role("link", name="Play video: The roadmap in two minutes")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=abcdefghijk"
    assert page.get_by_text("What the roadmap is.").count() == 1  # the transcript is there
    context.close()
