"""URLs this app serves outside the page tree (under the language prefix)."""

from django.urls import path

from casestudies import views

app_name = "casestudies"

urlpatterns = [
    path("share-practice/<id:page_id>/", views.share_practice, name="share_practice"),
]
