"""JSON errors for every client that does not ask for HTML.

DRF answers its own views' errors as JSON already. What happens outside them
(an unknown URL, a method a plain Django view does not take, a crash, a CSRF
failure, and Django's debug pages when DEBUG is on) comes back from Django as
an HTML or text page. The middleware here turns those into DRF's error shape,
``{"detail": "..."}``, for API clients, while browsers, which ask for HTML,
still get Django's pages.
"""

import logging
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

# Headers of the original answer that a client still needs.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary")


def wants_html(request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


# DRF's own wording where DRF has one.
DETAILS = {404: "Not found.", 500: "A server error occurred."}


def error_detail(status_code: int) -> str:
    if status_code in DETAILS:
        return DETAILS[status_code]
    try:
        return HTTPStatus(status_code).phrase + "."
    except ValueError:
        return "Error."


class JSONErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or response.streaming
            or is_json(response)
            or wants_html(request)
        ):
            return response
        json_response = JsonResponse(
            {"detail": error_detail(response.status_code)},
            status=response.status_code,
        )
        for header in KEPT_HEADERS:
            if header in response:
                json_response[header] = response[header]
        return json_response

    def process_exception(self, request, exception):
        """The database going away under a plain Django view (the login
        form, the admin) is a 503 too, not a crash."""
        if is_database_outage(exception):
            return database_unavailable(exception, JsonResponse)
        return None


DATABASE_UNAVAILABLE = "The database is unavailable; try again shortly."
RETRY_AFTER_SECONDS = "5"


def is_database_outage(exception: Exception) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def database_unavailable(exception: Exception, response_class=JsonResponse):
    """503 with Retry-After: the client may retry, and nothing was written."""
    logger.warning("database unavailable: %s", exception)
    response = response_class({"detail": DATABASE_UNAVAILABLE}, status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def api_exception_handler(exc, context):
    """DRF's exception handler, plus a 503 when the database cannot be
    reached (a restart, a failover)."""
    if is_database_outage(exc):
        return database_unavailable(exc, Response)
    return exception_handler(exc, context)
