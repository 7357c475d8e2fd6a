import logging
import math

from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.middleware.csrf import get_token
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .serializers import (
    CredentialsSerializer,
    LoginResultSerializer,
    ProfileSerializer,
    RegistrationResultSerializer,
    RegistrationSerializer,
    TokenSerializer,
    UserSerializer,
)
from .services import token_create, user_create
from .throttles import SignInRateThrottle

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def throttled_response(wait: float | None) -> JsonResponse:
    seconds = math.ceil(wait or 1)
    response = JsonResponse(
        {"detail": f"Request was throttled. Expected available in {seconds} seconds."},
        status=status.HTTP_429_TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(seconds)
    return response


def is_form_post(request) -> bool:
    """A browser form (the browsable API's login page) rather than an API
    client; the two get redirects and JSON respectively."""
    return request.method == "POST" and request.content_type in FORM_CONTENT_TYPES


class RegisterView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [SignInRateThrottle, AnonRateThrottle]

    @extend_schema(
        request=RegistrationSerializer,
        responses={201: RegistrationResultSerializer},
    )
    def post(self, request):
        serializer = RegistrationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                user = user_create(**serializer.validated_data)
        except IntegrityError:
            # Two sign-ups for the same name at once: the second one loses.
            raise ValidationError(
                {"username": ["A user with that username already exists."]}
            ) from None
        body = {"user": UserSerializer(user).data, "token": token_create(user=user)}
        return Response(body, status=status.HTTP_201_CREATED)


class FormLoginView(auth_views.LoginView):
    """The browsable API's HTML login page."""

    template_name = "rest_framework/login.html"

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response


class LoginView(APIView):
    """Log in with a session: JSON for API clients; the browsable API's HTML
    form (GET, and POST of that form) for browsers."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [SignInRateThrottle, AnonRateThrottle]

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            return FormLoginView.as_view()(request, *args, **kwargs)
        if is_form_post(request):
            # The form view protects itself against CSRF; the throttle is
            # DRF's, so it is asked here.
            throttle = SignInRateThrottle()
            if not throttle.allow_request(request, self):
                return throttled_response(throttle.wait())
            return FormLoginView.as_view()(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    @extend_schema(
        request=CredentialsSerializer, responses={200: LoginResultSerializer}
    )
    def post(self, request):
        serializer = CredentialsSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        login(request._request, user)
        get_token(request._request)  # sends the CSRF cookie with the answer
        return Response({"user": UserSerializer(user).data})


class LogoutView(APIView):
    """End the session: 204 for API clients, a redirect for the browsable
    API's log out form."""

    permission_classes = [AllowAny]

    def dispatch(self, request, *args, **kwargs):
        if is_form_post(request):
            return auth_views.LogoutView.as_view()(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenView(APIView):
    """Obtain a token with a username and password; revoke the one in use."""

    def get_authenticators(self):
        # Obtaining a token needs no prior authentication, and must not trip
        # over a stale session cookie's CSRF check.
        if self.request is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    def get_permissions(self):
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_throttles(self):
        if self.request.method == "POST":
            return [SignInRateThrottle(), AnonRateThrottle()]
        return super().get_throttles()

    @extend_schema(request=CredentialsSerializer, responses={200: TokenSerializer})
    def post(self, request):
        serializer = CredentialsSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        token = token_create(user=serializer.validated_data["user"])
        return Response({"token": token})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if request.auth is None:
            return Response(
                {"detail": "This request was not made with a token."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        request.auth.delete()
        logger.info("token revoked for user id=%s", request.user.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileView(generics.RetrieveUpdateAPIView):
    """The caller's own settings."""

    serializer_class = ProfileSerializer

    def get_object(self):
        return self.request.user.profile
