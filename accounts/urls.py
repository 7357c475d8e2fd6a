from django.urls import path

from . import views

# The namespace is the one DRF's browsable API looks up for its log in and
# log out links.
app_name = "rest_framework"

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("token/", views.TokenView.as_view(), name="token"),
]
