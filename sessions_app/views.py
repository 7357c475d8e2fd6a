import re

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from . import services
from .filters import MeditationSessionFilter
from .models import MeditationSession, MeditationType
from .renderers import CSVRenderer
from .selectors import sessions_csv_lines
from .serializers import (
    MeditationSessionSerializer,
    MeditationTypeSerializer,
    StatsQuerySerializer,
    StatsSerializer,
)
from .stats import consistency_stats

IDEMPOTENCY_KEY_PATTERN = re.compile(r"[\x20-\x7e]{1,255}")

IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    OpenApiParameter.HEADER,
    description="1 to 255 printable characters. A retry with the same key "
    "creates nothing and answers 200 with the first session.",
)


class IdempotencyKeyConflict(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "This Idempotency-Key was already used with a different body."
    default_code = "idempotency_key_reused"


def idempotency_key_from(request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY_PATTERN.fullmatch(key):
        raise ValidationError(
            {"Idempotency-Key": ["Use 1 to 255 printable ASCII characters."]}
        )
    return key


def request_body_of(request) -> object:
    data = request.data
    return dict(data.lists()) if hasattr(data, "lists") else data


class MeditationSessionViewSet(viewsets.ModelViewSet):
    """The caller's own meditation sessions, newest first."""

    serializer_class = MeditationSessionSerializer
    filterset_class = MeditationSessionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MeditationSession.objects.none()
        return MeditationSession.objects.filter(user=self.request.user)

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)

    def perform_destroy(self, session):
        services.session_delete(session=session)

    @extend_schema(
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={
            201: MeditationSessionSerializer,
            200: OpenApiResponse(
                MeditationSessionSerializer,
                description="A retry: the session the first request created.",
            ),
            422: OpenApiResponse(
                description="The Idempotency-Key was first sent with another body."
            ),
        },
    )
    def create(self, request, *args, **kwargs):
        key = idempotency_key_from(request)
        if key is None:
            return super().create(request, *args, **kwargs)

        try:
            session, created = self._create_once(request, key)
        except services.IdempotencyKeyReused:
            raise IdempotencyKeyConflict() from None

        answer = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(session).data, status=answer)

    def _create_once(self, request, key: str) -> tuple[MeditationSession, bool]:
        """The session for this key: the one an earlier try created, checked
        against this body, or a new one."""
        fingerprint = services.request_fingerprint(request_body_of(request))
        earlier = services.idempotent_session_find(
            user=request.user, key=key, fingerprint=fingerprint
        )
        if earlier is not None:
            return earlier, False

        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return services.idempotent_session_create(
            user=request.user,
            key=key,
            fingerprint=fingerprint,
            fields=serializer.validated_data,
        )

    @extend_schema(responses=MeditationTypeSerializer(many=True))
    @action(detail=False, pagination_class=None, filter_backends=[])
    def types(self, request):
        types = [
            {"value": value, "label": label} for value, label in MeditationType.choices
        ]
        return Response(types)

    @extend_schema(parameters=[StatsQuerySerializer], responses=StatsSerializer)
    @action(detail=False, pagination_class=None, filter_backends=[])
    def stats(self, request):
        # A plain dict, so that an empty ?days= is refused rather than read
        # as "not given", as DRF reads an empty form field.
        query = StatsQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        figures = consistency_stats(
            user=request.user, days=query.validated_data["days"]
        )
        return Response(StatsSerializer(figures).data)

    @extend_schema(
        responses={(200, "text/csv"): OpenApiTypes.STR},
        description="Every session of the caller as CSV, in the format that "
        "`manage.py import_sessions` reads.",
    )
    @action(
        detail=False,
        pagination_class=None,
        filter_backends=[],
        renderer_classes=[JSONRenderer, BrowsableAPIRenderer, CSVRenderer],
    )
    def export(self, request):
        response = StreamingHttpResponse(
            sessions_csv_lines(user=request.user), content_type="text/csv"
        )
        response["Content-Disposition"] = (
            'attachment; filename="meditation-sessions.csv"'
        )
        return response
