"""A URL whose view crashes, to see what a client gets from a server error."""

from django.urls import path


def crash(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom", crash)]
