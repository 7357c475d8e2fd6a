import logging

from django.conf import settings
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
