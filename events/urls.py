"""URLs this app serves outside the page tree (under the language prefix)."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("sign-up/<id:event_id>/", views.sign_up, name="sign_up"),
    path("sign-up/<id:event_id>/<str:outcome>/", views.signed_up, name="signed_up"),
    path("my-sign-up/<str:signed>/", views.manage, name="manage"),
    path("event-calendar/<id:event_id>.ics", views.event_calendar, name="event_calendar"),
    path("event-calendar.ics", views.calendar_feed, name="calendar_feed"),
]
