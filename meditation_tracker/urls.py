"""The project's URLs: the API under /api/, authentication under /api-auth/."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from accounts.views import ProfileView
from leaderboard.urls import router as leaderboard_router
from notifications.urls import router as notifications_router
from sessions_app.urls import router as sessions_router

from .views import healthz


class APIRouter(DefaultRouter):
    """The router for /api/, whose root page also links the views that are
    not viewsets."""

    extra_root_links = {"profile": "profile"}

    def get_api_root_view(self, api_urls=None):
        view = super().get_api_root_view(api_urls)
        view.view_initkwargs["api_root_dict"].update(self.extra_root_links)
        return view


api_router = APIRouter()
for app_router in (sessions_router, leaderboard_router, notifications_router):
    api_router.registry.extend(app_router.registry)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/profile/", ProfileView.as_view(), name="profile"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/", include(api_router.urls)),
    path("api-auth/", include("accounts.urls")),
    path("healthz", healthz, name="healthz"),
]
