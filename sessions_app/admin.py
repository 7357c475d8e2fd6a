from django.contrib import admin

from .models import IdempotencyKey, MeditationSession


@admin.register(MeditationSession)
class MeditationSessionAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "user",
        "meditation_type",
        "duration",
        "started_at",
        "local_date",
        "timezone",
    ]
    list_filter = ["meditation_type", "started_at"]
    search_fields = ["user__username", "notes"]
    date_hierarchy = "started_at"
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["local_date", "created_at", "updated_at"]
    # With millions of rows an exact count of the unfiltered table on every
    # page view costs more than it tells.
    show_full_result_count = False


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(admin.ModelAdmin):
    list_display = ["key", "user", "session", "created_at"]
    search_fields = ["user__username", "key"]
    raw_id_fields = ["user", "session"]
    list_select_related = ["user"]
