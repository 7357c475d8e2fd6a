import pytest

from notifications.models import Notification
from notifications.services import notification_mark_read, notify

pytestmark = pytest.mark.django_db

URL = "/admin/notifications/notification/"


def tell(user, message="You are at rank one."):
    return notify(recipient=user, kind="rank_one", message=message)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?read=no",
        "?read=yes",
        "?kind=rank_one",
        "?q=owner",
        "?q=rank+one",
        "?created_at__year=2026",
    ],
)
def test_staff_list_pages_render(staff, owner, query):
    tell(owner)

    assert staff.get(URL + query).status_code == 200


def test_the_read_filter_tells_read_from_unread(staff, owner):
    read = tell(owner, "Read long ago.")
    notification_mark_read(notification=read)
    tell(owner, "Still waiting.")

    unread_page = staff.get(URL, {"read": "no"}).content
    read_page = staff.get(URL, {"read": "yes"}).content

    assert b"Still waiting." in unread_page
    assert b"Read long ago." not in unread_page
    assert b"Read long ago." in read_page
    assert b"Still waiting." not in read_page


def test_a_long_message_is_shortened_in_the_list(staff, owner):
    tell(owner, "word " * 100)

    page = staff.get(URL).content.decode()

    assert "word " * 10 in page
    assert "word " * 100 not in page


def test_a_notification_can_be_opened(staff, owner):
    notification = tell(owner)

    assert staff.get(f"{URL}{notification.pk}/change/").status_code == 200


def test_the_mark_read_action_marks_only_the_selected_unread_ones(staff, owner):
    chosen = tell(owner)
    already_read = tell(owner)
    first_read = notification_mark_read(notification=already_read).read_at
    left_alone = tell(owner)

    answer = staff.post(
        URL,
        {"action": "mark_read", "_selected_action": [chosen.pk, already_read.pk]},
        follow=True,
    )

    assert answer.status_code == 200
    assert b"1 notification marked as read." in answer.content
    assert Notification.objects.get(pk=chosen.pk).read_at is not None
    assert Notification.objects.get(pk=already_read.pk).read_at == first_read
    assert Notification.objects.get(pk=left_alone.pk).read_at is None
