from rest_framework import serializers

from .selectors import PERIODS


class LeaderboardQuerySerializer(serializers.Serializer):
    period = serializers.ChoiceField(
        choices=PERIODS,
        default="all",
        help_text="all (default), week (the current ISO week) or month (the "
        "current calendar month), both in UTC.",
    )


class LeaderboardEntrySerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    username = serializers.CharField()
    display_name = serializers.CharField()
    total_minutes = serializers.IntegerField()
    session_count = serializers.IntegerField()


class OwnEntrySerializer(LeaderboardEntrySerializer):
    minutes_to_next_rank = serializers.IntegerField(
        allow_null=True,
        help_text="Minutes that would lift you above the next higher total; "
        "null at rank one or when not ranked.",
    )


class LeaderboardPageSerializer(serializers.Serializer):
    """The schema of a leaderboard page: the window it ranks, then a page."""

    period = serializers.ChoiceField(choices=PERIODS)
    starts_at = serializers.DateTimeField(allow_null=True)
    ends_at = serializers.DateTimeField(allow_null=True)
    generated_at = serializers.DateTimeField()
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LeaderboardEntrySerializer(many=True)
