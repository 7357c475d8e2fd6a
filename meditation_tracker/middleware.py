import logging
import time

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse

logger = logging.getLogger(__name__)


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose declared body is over the limit.

    Django checks DATA_UPLOAD_MAX_MEMORY_SIZE only when something reads
    ``request.body``, and DRF's parsers read the stream directly, so the
    limit is enforced here, before any parser runs. A body without a
    Content-Length is read by Django as empty, so it cannot get past this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse({"detail": "Invalid Content-Length."}, status=400)
        if limit is not None and length > limit:
            logger.info("rejected a %d-byte body on %s", length, request.path)
            return JsonResponse(
                {"detail": f"Request body is over the limit of {limit} bytes."},
                status=413,
            )
        return self.get_response(request)


request_logger = logging.getLogger("meditation_tracker.requests")


class RequestLogMiddleware:
    """One line per request for an operator: method, path, status, time and
    user id. The query string is left out (it can hold personal filters),
    and so is every header, so no password, token or cookie is ever
    logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        request_logger.info(
            "%s %s %s %.1fms user=%s",
            request.method,
            request.path,
            response.status_code,
            elapsed_ms,
            user_id_of(request),
        )
        return response


def user_id_of(request) -> int | str:
    """The id of the request's user, or "-". Finding it can mean loading the
    session, which fails while the database is away; the log line must not."""
    try:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user.pk
    except DatabaseError:
        pass
    return "-"
