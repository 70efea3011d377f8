"""URLs this app serves outside the page tree."""

urlpatterns: list = []
