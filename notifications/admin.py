from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import ngettext

from . import services
from .models import Notification


class ReadListFilter(admin.SimpleListFilter):
    title = "read"
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return [("no", "Unread"), ("yes", "Read")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unread()
        if self.value() == "yes":
            return queryset.filter(read_at__isnull=False)
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at", "short_message"]
    list_filter = ["kind", ReadListFilter, "created_at"]
    search_fields = ["recipient__username", "message"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    actions = ["mark_read"]
    # Every ranking change notifies someone, so the table grows fast; an exact
    # count of it on every page view costs more than it tells.
    show_full_result_count = False

    @admin.display(description="message")
    def short_message(self, notification: Notification) -> str:
        return Truncator(notification.message).chars(60)

    @admin.action(
        description="Mark selected notifications as read", permissions=["change"]
    )
    def mark_read(self, request, queryset):
        marked = services.notifications_mark_read(notifications=queryset)
        self.message_user(
            request,
            ngettext(
                "%d notification marked as read.",
                "%d notifications marked as read.",
                marked,
            )
            % marked,
        )
