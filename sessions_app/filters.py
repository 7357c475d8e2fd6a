import datetime

import django_filters
from django import forms
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from accounts.timezones import zone

from .models import MeditationSession, MeditationType


class DateOrDateTimeField(forms.Field):
    """An ISO 8601 date or date and time; naive values stay naive here."""

    default_error_messages = {
        "invalid": "Enter a date (2026-12-03) or a date and time "
        "(2026-12-03T07:30:00+01:00).",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            parsed = parse_datetime(value) or parse_date(value)
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "format": "date-time"},
            {"type": "string", "format": "date"},
        ]
    }
)
class StartBoundFilter(django_filters.Filter):
    """A bound on ``started_at``. A date means the start of that day, and a
    time without an offset is read, in the caller's profile time zone."""

    field_class = DateOrDateTimeField

    def filter(self, queryset, value):
        if value is None:
            return queryset
        timezone_name = self.parent.request.user.profile.timezone
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time.min)
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone(timezone_name))
        try:
            value.astimezone(datetime.UTC)
        except OverflowError:
            raise ValidationError(
                {self.field_name: ["That date is out of range."]}
            ) from None
        return queryset.filter(**{f"started_at__{self.lookup_expr}": value})


class DurationBoundFilter(django_filters.NumberFilter):
    """Whole minutes; the bounds keep a huge number from reaching the
    database, which could not store it."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=0, max_value=2**31 - 1, **kwargs)


class StableOrderingFilter(django_filters.OrderingFilter):
    """Orders as asked, newest id last among equals, so pages never overlap."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        ordering = [self.get_ordering_value(param) for param in value]
        return queryset.order_by(*ordering, "-id")


class MeditationSessionFilter(django_filters.FilterSet):
    meditation_type = django_filters.ChoiceFilter(choices=MeditationType.choices)
    started_after = StartBoundFilter(lookup_expr="gte")
    started_before = StartBoundFilter(lookup_expr="lt")
    min_duration = DurationBoundFilter(field_name="duration", lookup_expr="gte")
    max_duration = DurationBoundFilter(field_name="duration", lookup_expr="lte")
    ordering = StableOrderingFilter(fields=["started_at", "duration"])

    class Meta:
        model = MeditationSession
        fields = []
