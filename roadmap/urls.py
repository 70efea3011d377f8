"""URLs this app serves outside the page tree."""

from django.urls import path

from roadmap.views import add_to_baseline

app_name = "roadmap"

urlpatterns = [
    path("roadmap-baseline/<id:page_id>/", add_to_baseline, name="baseline-add"),
]
