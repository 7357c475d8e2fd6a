from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import services
from .filters import NotificationFilter
from .models import Notification
from .serializers import (
    MarkedCountSerializer,
    NotificationSerializer,
    UnreadCountSerializer,
)


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's own notifications, newest first. The server writes them
    (when the caller comes to rank one, say); a client reads them and marks
    them read."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return Notification.objects.filter(recipient=self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def read(self, request, pk=None):
        """Mark one notification read; marking it again keeps the first time."""
        notification = services.notification_mark_read(notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=MarkedCountSerializer)
    @action(
        detail=False,
        methods=["post"],
        url_path="read-all",
        pagination_class=None,
        filter_backends=[],
    )
    def read_all(self, request):
        """Mark every unread notification of the caller read."""
        marked = services.notifications_mark_all_read(recipient=request.user)
        return Response({"marked": marked})

    @extend_schema(responses=UnreadCountSerializer)
    @action(
        detail=False, url_path="unread-count", pagination_class=None, filter_backends=[]
    )
    def unread_count(self, request):
        """How many of the caller's notifications are unread."""
        return Response({"unread": self.get_queryset().unread().count()})
