from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from meditation_tracker.pagination import PageNumberPagination

from . import selectors
from .models import MinuteTotal
from .serializers import LeaderboardEntrySerializer, OwnEntrySerializer

PERIOD_PARAMETER = OpenApiParameter(
    "period",
    OpenApiTypes.STR,
    enum=selectors.PERIODS,
    default=selectors.ALL,
    description="all (the default), week (the current ISO week) or month (the "
    "current calendar month), both in UTC.",
)

TIME = {"type": "string", "format": "date-time"}


class LeaderboardPagination(PageNumberPagination):
    """Pages that also say which window they rank; the view adds those
    fields, this documents them."""

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        page["properties"] = {
            "period": {"type": "string", "enum": list(selectors.PERIODS)},
            "starts_at": {**TIME, "nullable": True},
            "ends_at": {**TIME, "nullable": True},
            "generated_at": TIME,
            **page["properties"],
        }
        page["required"] = [*page.get("required", []), "period", "generated_at"]
        return page


class LeaderboardViewSet(viewsets.GenericViewSet):
    """Users ranked by their minutes, best first; always current."""

    filter_backends = []
    pagination_class = LeaderboardPagination
    serializer_class = LeaderboardEntrySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MinuteTotal.objects.none()
        return selectors.ranking(self.period)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        name = request.query_params.get("period", selectors.ALL)
        if name not in selectors.PERIODS:
            raise ValidationError(
                {"period": [f'"{name}" is not a period: use all, week or month.']}
            )
        self.generated_at = timezone.now()
        self.period = selectors.period_for(name, now=self.generated_at)

    @extend_schema(parameters=[PERIOD_PARAMETER])
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        offset = self.paginator.page.start_index() - 1 if page else 0
        entries = selectors.entries_of_page(page, period=self.period, offset=offset)
        response = self.get_paginated_response(
            LeaderboardEntrySerializer(entries, many=True).data
        )
        response.data = {**self._window(), **response.data}
        return response

    @extend_schema(parameters=[PERIOD_PARAMETER], responses=OwnEntrySerializer)
    @action(detail=False, pagination_class=None)
    def me(self, request):
        entry = selectors.entry_for(request.user, period=self.period)
        return Response(OwnEntrySerializer(entry).data)

    def _window(self) -> dict:
        as_text = serializers.DateTimeField().to_representation
        starts_at, ends_at = self.period.starts_at, self.period.ends_at
        return {
            "period": self.period.name,
            "starts_at": starts_at and as_text(starts_at),
            "ends_at": ends_at and as_text(ends_at),
            "generated_at": as_text(self.generated_at),
        }
