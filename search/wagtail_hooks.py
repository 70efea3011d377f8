"""Wagtail hooks of site search."""

from wagtail import hooks

from home.demo.builder import CLOSING_PAGES_HOOK
from search import demo

hooks.register(CLOSING_PAGES_HOOK, demo.closing_pages)
