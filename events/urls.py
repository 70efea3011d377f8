"""URLs this app serves outside the page tree (under the language prefix)."""

from django.urls import path

from events import list_views, views

app_name = "events"

urlpatterns = [
    path("sign-up/<id:event_id>/", views.sign_up, name="sign_up"),
    path("sign-up/<id:event_id>/<str:outcome>/", views.signed_up, name="signed_up"),
    path("my-sign-up/<str:signed>/", views.manage, name="manage"),
    path("event-calendar/<id:event_id>.ics", views.event_calendar, name="event_calendar"),
    path("event-calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("mailing-lists/join/", list_views.join, name="join_lists"),
    path("mailing-lists/check-your-email/", list_views.joined, name="lists_joined"),
    path("mailing-lists/confirm/<str:signed>/", list_views.confirm, name="list_confirm"),
    path(
        "mailing-lists/unsubscribe/<str:signed>/",
        list_views.unsubscribe,
        name="list_unsubscribe",
    ),
    path(
        "mailing-lists/preferences/<str:signed>/",
        list_views.preferences,
        name="list_preferences",
    ),
]
