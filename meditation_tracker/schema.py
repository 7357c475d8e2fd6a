"""The error answers that every endpoint can give, added to the OpenAPI
schema so that clients (and schema-driven tests) know their shape.

drf-spectacular documents what a view returns on success; the errors come
from DRF and from this project's middleware, the same for every endpoint.
"""

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
# A field name, or non_field_errors, mapped to its messages; or a detail.
VALIDATION_ERROR = {"type": "object", "additionalProperties": True}

COMMON_ERRORS = {
    "400": ("Bad input: DRF's validation error shape", "ValidationError"),
    "401": ("No credentials, or bad ones", "Error"),
    "403": ("Authenticated but not allowed (a session write without CSRF)", "Error"),
    "404": ("Not found, or not yours", "Error"),
    "405": ("Method not allowed", "Error"),
    "429": ("Throttled; Retry-After says when to try again", "Error"),
}
BODY_ERRORS = {"413": ("Request body over 1 MiB", "Error")}
# gunicorn refuses an over-long request line itself, before Django sees it,
# and answers with a short HTML page.
URI_TOO_LONG = {
    "description": "Request line over 8190 bytes, refused by gunicorn",
    "content": {"text/html": {"schema": {"type": "string"}}},
}
WRITE_METHODS = {"post", "put", "patch"}


def add_error_responses(result, generator, request, public):
    """A drf-spectacular postprocessing hook."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["ValidationError"] = VALIDATION_ERROR
    for methods in result.get("paths", {}).values():
        for method, operation in methods.items():
            errors = dict(COMMON_ERRORS)
            if method in WRITE_METHODS:
                errors.update(BODY_ERRORS)
            responses = operation.setdefault("responses", {})
            for code, (description, component) in errors.items():
                responses.setdefault(code, _response(description, component))
            responses.setdefault("414", URI_TOO_LONG)
            for code, response in responses.items():
                # An error a view declared without a body has DRF's detail.
                if code.startswith("4") and "content" not in response:
                    response.update(_response(response["description"], "Error"))
    return result


def _response(description: str, component: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": f"#/components/schemas/{component}"}
            }
        },
    }
