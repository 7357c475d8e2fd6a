from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Profile
from .services import profile_update
from .timezones import validate_timezone

User = get_user_model()


@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "format": "email"},
            {"type": "string", "maxLength": 0},
        ]
    }
)
class OptionalEmailField(serializers.EmailField):
    """An e-mail address, or the empty string for none."""

    def __init__(self, **kwargs):
        super().__init__(allow_blank=True, **kwargs)


class UserSerializer(serializers.ModelSerializer):
    email = OptionalEmailField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "email"]
        read_only_fields = fields


class RegistrationSerializer(serializers.Serializer):
    username = serializers.CharField(
        max_length=150, validators=[UnicodeUsernameValidator()]
    )
    password = serializers.CharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )
    email = OptionalEmailField(required=False, default="")

    def validate_username(self, username: str) -> str:
        # Case-insensitive, so that nobody can register "Alice" beside "alice".
        if User.objects.filter(username__iexact=username).exists():
            raise serializers.ValidationError(
                "A user with that username already exists."
            )
        return username

    def validate(self, attrs):
        candidate = User(username=attrs["username"], email=attrs["email"])
        try:
            password_validation.validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                {"password": list(error.messages)}
            ) from None
        return attrs


class CredentialsSerializer(serializers.Serializer):
    """A username and password, checked against the user database."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        trim_whitespace=False, style={"input_type": "password"}
    )

    def validate(self, attrs):
        user = authenticate(
            self.context.get("request"),
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None:
            raise serializers.ValidationError(
                "Unable to log in with the provided credentials.",
                code="authorization",
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class RegistrationResultSerializer(serializers.Serializer):
    user = UserSerializer(read_only=True)
    token = serializers.CharField(read_only=True)


class LoginResultSerializer(serializers.Serializer):
    user = UserSerializer(read_only=True)


class ProfileSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    email = OptionalEmailField(source="user.email", required=False)
    display_name = serializers.CharField(
        source="shown_name",
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="Shown on the leaderboard; an empty value means the username.",
    )
    timezone = serializers.CharField(
        max_length=64, required=False, validators=[validate_timezone]
    )

    class Meta:
        model = Profile
        fields = [
            "username",
            "email",
            "display_name",
            "timezone",
            "show_on_leaderboard",
            "daily_goal_minutes",
        ]

    def update(self, profile: Profile, validated_data) -> Profile:
        user_fields = validated_data.pop("user", {})
        if "shown_name" in validated_data:
            validated_data["display_name"] = validated_data.pop("shown_name")
        return profile_update(
            profile=profile, email=user_fields.get("email"), **validated_data
        )
