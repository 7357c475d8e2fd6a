from rest_framework.routers import DefaultRouter

from .views import MeditationSessionViewSet

router = DefaultRouter()
router.register("sessions", MeditationSessionViewSet, basename="session")
