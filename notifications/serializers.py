from rest_framework import serializers

from .models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    read_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Null until read."
    )
    data = serializers.DictField(
        read_only=True,
        help_text="Details for a client that renders its own text; "
        "what it holds depends on the kind.",
    )

    class Meta:
        model = Notification
        fields = ["id", "kind", "message", "created_at", "read_at", "data"]
        read_only_fields = fields


class MarkedCountSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many were unread until now.")


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()
