from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import selectors
from .models import MinuteTotal
from .serializers import (
    LeaderboardEntrySerializer,
    LeaderboardPageSerializer,
    LeaderboardQuerySerializer,
    OwnEntrySerializer,
)


class LeaderboardViewSet(viewsets.GenericViewSet):
    """Users ranked by their minutes, best first; always current."""

    filter_backends = []
    serializer_class = LeaderboardEntrySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MinuteTotal.objects.none()
        return selectors.ranking(self.period)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        query = LeaderboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        self.generated_at = timezone.now()
        self.period = selectors.period_for(
            query.validated_data["period"], now=self.generated_at
        )

    @extend_schema(
        parameters=[LeaderboardQuerySerializer], responses=LeaderboardPageSerializer
    )
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        offset = self.paginator.page.start_index() - 1 if page else 0
        entries = selectors.entries_of_page(page, period=self.period, offset=offset)
        response = self.get_paginated_response(
            LeaderboardEntrySerializer(entries, many=True).data
        )
        response.data = {**self._window(), **response.data}
        return response

    @extend_schema(
        parameters=[LeaderboardQuerySerializer], responses=OwnEntrySerializer
    )
    @action(detail=False, pagination_class=None)
    def me(self, request):
        entry = selectors.entry_for(request.user, period=self.period)
        return Response(OwnEntrySerializer(entry).data)

    def _window(self) -> dict:
        field = serializers.DateTimeField()
        return {
            "period": self.period.name,
            "starts_at": self.period.starts_at
            and field.to_representation(self.period.starts_at),
            "ends_at": self.period.ends_at
            and field.to_representation(self.period.ends_at),
            "generated_at": field.to_representation(self.generated_at),
        }
