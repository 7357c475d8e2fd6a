from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from accounts.timezones import validate_timezone, zone

from . import services
from .models import MeditationSession, MeditationType

TYPE_LIST = ", ".join(MeditationType.values)


class WallClockDateTimeField(serializers.DateTimeField):
    """Keeps a time sent without an offset naive, so that the serializer can
    read it in the session's own time zone rather than the server's."""

    def enforce_timezone(self, value):
        return value


class MeditationSessionSerializer(serializers.ModelSerializer):
    meditation_type = serializers.ChoiceField(
        choices=MeditationType.choices,
        error_messages={
            "invalid_choice": f'"{{input}}" is not a meditation type. '
            f"Valid types: {TYPE_LIST}."
        },
    )
    started_at = WallClockDateTimeField(
        required=False,
        help_text="Defaults to now. A time without an offset is read in the "
        "session's time zone.",
    )
    timezone = serializers.CharField(
        max_length=64,
        required=False,
        validators=[validate_timezone],
        help_text="IANA time zone name; defaults to the profile's time zone.",
    )

    class Meta:
        model = MeditationSession
        fields = [
            "id",
            "meditation_type",
            "duration",
            "notes",
            "started_at",
            "timezone",
            "local_date",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "local_date", "created_at", "updated_at"]

    def validate(self, attrs):
        timezone_name = attrs.get("timezone") or self._current_timezone()
        if "started_at" in attrs:
            started_at = services.started_at_in_zone(attrs["started_at"], timezone_name)
            try:
                services.started_at_check(started_at)
            except DjangoValidationError as error:
                raise serializers.ValidationError(
                    {"started_at": error.messages}
                ) from None
            attrs["started_at"] = started_at
        attrs["timezone"] = timezone_name
        return attrs

    def _current_timezone(self) -> str:
        """The zone the session already has, or the author's profile zone for
        a new one."""
        if self.instance is not None:
            return self.instance.timezone
        return self.context["request"].user.profile.timezone

    def create(self, validated_data):
        return services.session_create(**validated_data)

    def update(self, session, validated_data):
        return services.session_update(session=session, **validated_data)

    def to_representation(self, session):
        data = super().to_representation(session)
        # The start is shown as the wall-clock time where the user sat.
        local_start = session.started_at.astimezone(zone(session.timezone))
        data["started_at"] = local_start.isoformat()
        return data


class StatsQuerySerializer(serializers.Serializer):
    days = serializers.IntegerField(
        min_value=1,
        max_value=366,
        default=30,
        help_text="Length of the window, today included.",
    )


class DailyMinutesSerializer(serializers.Serializer):
    date = serializers.DateField()
    minutes = serializers.IntegerField()


class StatsSerializer(serializers.Serializer):
    total_minutes = serializers.IntegerField()
    session_count = serializers.IntegerField()
    average_duration = serializers.FloatField(
        allow_null=True, help_text="Minutes, to one decimal; null with no sessions."
    )
    minutes_by_type = serializers.DictField(child=serializers.IntegerField())
    current_streak = serializers.IntegerField()
    longest_streak = serializers.IntegerField()
    days = serializers.IntegerField()
    goal_met_days = serializers.IntegerField()
    daily = DailyMinutesSerializer(many=True)


class MeditationTypeSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
