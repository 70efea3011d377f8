"""URLs this app serves outside the page tree (under the language prefix)."""

from django.urls import path

from home import views

app_name = "home"

urlpatterns = [
    path("send-form/<id:page_id>/", views.send_form, name="send_form"),
]
