from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import Profile

User = get_user_model()


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


admin.site.unregister(User)


@admin.register(User)
class UserWithProfileAdmin(UserAdmin):
    list_display = [
        "username",
        "email",
        "display_name",
        "timezone",
        "is_staff",
        "date_joined",
    ]
    list_select_related = ["profile"]

    def get_inlines(self, request, obj):
        # A new user's profile is made when the user is saved, so the inline
        # is only offered once it exists.
        return [ProfileInline] if obj else []

    @admin.display(ordering="profile__display_name")
    def display_name(self, user):
        return user.profile.display_name

    @admin.display(ordering="profile__timezone")
    def timezone(self, user):
        return user.profile.timezone


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "display_name",
        "timezone",
        "show_on_leaderboard",
        "daily_goal_minutes",
    ]
    list_filter = ["show_on_leaderboard", "timezone"]
    search_fields = ["user__username", "display_name", "user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
