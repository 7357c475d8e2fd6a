from rest_framework import serializers


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
