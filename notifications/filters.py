import django_filters
from django import forms

from .models import Notification


class StrictBooleanField(forms.Field):
    """``true`` or ``false``. Anything else is an error rather than, as with
    Django's boolean fields, a filter that is quietly left out."""

    default_error_messages = {"invalid": 'Use "true" or "false".'}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        choice = {"true": True, "false": False}.get(str(value).lower())
        if choice is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return choice


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class NotificationFilter(django_filters.FilterSet):
    unread = StrictBooleanFilter(
        field_name="read_at",
        lookup_expr="isnull",
        help_text="true for unread notifications only, false for read ones only.",
    )

    class Meta:
        model = Notification
        fields = []
