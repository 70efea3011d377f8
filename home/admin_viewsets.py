"""Admin screens for records the site writes and staff only read (the email log, the mailing
lists' members): a listing, its filters and export, and one record's screen. Nothing is added,
edited, copied or deleted there, not even by a superuser, so those screens and buttons never
appear."""

from __future__ import annotations

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, limited to the actions named."""

    def __init__(self, model, actions: frozenset[str]):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReadOnlyModelViewSet(ModelViewSet):
    """A listing and inspect screens for `view_<model>`, plus any other action named in
    `actions` (a custom permission such as the email log's `requeue`)."""

    actions = frozenset({"view"})
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model, self.actions)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        codenames = [f"{action}_{self.model._meta.model_name}" for action in self.actions]
        return super().get_permissions_to_register().filter(codename__in=codenames)
