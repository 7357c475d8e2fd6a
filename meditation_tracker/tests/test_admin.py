import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from conftest import PASSWORD
from sessions_app.tests.factories import MeditationSessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/auth/user/",
        "/admin/accounts/profile/",
        "/admin/sessions_app/meditationsession/",
        "/admin/sessions_app/meditationsession/?q=owner&meditation_type__exact=zen",
        "/admin/sessions_app/meditationsession/?started_at__year=2026",
        "/admin/sessions_app/idempotencykey/",
        "/admin/leaderboard/minutetotal/",
        "/admin/leaderboard/dailyminutes/",
        "/admin/leaderboard/rankoneholder/",
        "/admin/notifications/notification/",
        "/admin/auth/user/add/",
    ],
)
def test_staff_pages_render(staff, owner, url):
    MeditationSessionFactory(user=owner, meditation_type="zen")

    assert staff.get(url).status_code == 200


def test_a_session_and_a_user_can_be_opened(staff, owner):
    session = MeditationSessionFactory(user=owner)

    assert (
        staff.get(
            f"/admin/sessions_app/meditationsession/{session.pk}/change/"
        ).status_code
        == 200
    )
    page = staff.get(f"/admin/auth/user/{owner.pk}/change/")
    assert page.status_code == 200
    assert b"daily_goal_minutes" in page.content


def test_staff_can_add_a_user_who_then_has_a_profile(staff):
    staff.post(
        "/admin/auth/user/add/",
        {
            "username": "added",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
        },
    )

    assert get_user_model().objects.get(username="added").profile.timezone == "UTC"


def test_the_admin_is_for_staff_only(owner):
    client = Client()
    client.login(username="owner", password=PASSWORD)

    answer = client.get("/admin/sessions_app/meditationsession/")

    assert answer.status_code == 302
