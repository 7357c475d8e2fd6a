from rest_framework.routers import DefaultRouter

from .views import LeaderboardViewSet

router = DefaultRouter()
router.register("leaderboard", LeaderboardViewSet, basename="leaderboard")
