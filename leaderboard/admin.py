from django.contrib import admin

from .models import DailyMinutes, MinuteTotal, RankOneHolder


@admin.register(MinuteTotal)
class MinuteTotalAdmin(admin.ModelAdmin):
    """Totals are kept by the session signals; here they are only shown.
    ``manage.py rebuild_leaderboard`` repairs them."""

    list_display = ["user", "total_minutes", "session_count", "shown", "updated_at"]
    list_filter = ["shown"]
    search_fields = ["user__username"]
    ordering = ["-total_minutes", "user"]
    list_select_related = ["user"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyMinutes)
class DailyMinutesAdmin(MinuteTotalAdmin):
    list_display = ["user", "day", "minutes", "session_count"]
    list_filter = []
    ordering = ["-day", "-minutes"]
    date_hierarchy = "day"


@admin.register(RankOneHolder)
class RankOneHolderAdmin(MinuteTotalAdmin):
    list_display = ["user", "since"]
    list_filter = []
    ordering = ["-since"]
