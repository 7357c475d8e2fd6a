import datetime

import pytest
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db

URL = "/api/notifications/"


def tell(user, message="You are at rank one.", kind="rank_one", **data):
    return notify(recipient=user, kind=kind, message=message, data=data)


def told(user, count: int) -> list[Notification]:
    return [tell(user, f"Notice {n}") for n in range(count)]


def ids(answer) -> list[int]:
    assert answer.status_code == 200, answer.json()
    return [item["id"] for item in answer.json()["results"]]


def read_at(notification: Notification) -> datetime.datetime | None:
    notification.refresh_from_db()
    return notification.read_at


def test_a_notification_is_shown_in_full(owner, owner_api):
    notification = tell(owner, "You are at rank one.", rank=1, total_minutes=300)

    answer = owner_api.get(f"{URL}{notification.pk}/")

    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"id", "kind", "message", "created_at", "read_at", "data"}
    assert body["id"] == notification.pk
    assert body["kind"] == "rank_one"
    assert body["message"] == "You are at rank one."
    assert body["read_at"] is None
    assert body["data"] == {"rank": 1, "total_minutes": 300}
    created_at = datetime.datetime.fromisoformat(body["created_at"])
    assert created_at == notification.created_at


def test_the_list_holds_only_the_callers_notifications_newest_first(
    owner, stranger, owner_api
):
    first, second, third = told(owner, 3)
    tell(stranger)

    assert ids(owner_api.get(URL)) == [third.pk, second.pk, first.pk]


def test_the_list_is_ordered_by_creation_time_not_by_id(owner, owner_api):
    earlier, later = told(owner, 2)
    Notification.objects.filter(pk=earlier.pk).update(
        created_at=timezone.now() + datetime.timedelta(minutes=1)
    )

    assert ids(owner_api.get(URL)) == [earlier.pk, later.pk]


def test_unread_true_lists_only_unread_ones(owner, owner_api):
    read, unread = told(owner, 2)
    owner_api.post(f"{URL}{read.pk}/read/")

    assert ids(owner_api.get(URL, {"unread": "true"})) == [unread.pk]


def test_unread_false_lists_only_read_ones(owner, owner_api):
    read, _unread = told(owner, 2)
    owner_api.post(f"{URL}{read.pk}/read/")

    assert ids(owner_api.get(URL, {"unread": "false"})) == [read.pk]


@pytest.mark.parametrize("value", ["maybe", "yes", "2", "truthy"])
def test_an_unreadable_unread_filter_is_a_400_that_names_it(owner, owner_api, value):
    tell(owner)

    answer = owner_api.get(URL, {"unread": value})

    assert answer.status_code == 400
    assert "unread" in answer.json()


def test_pages_hold_twenty_by_default(owner, owner_api):
    told(owner, 25)

    first = owner_api.get(URL).json()
    second = owner_api.get(URL, {"page": 2}).json()

    assert first["count"] == 25
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert len(second["results"]) == 5
    assert second["next"] is None


def test_page_size_is_capped_at_one_hundred(owner, owner_api):
    told(owner, 105)

    answer = owner_api.get(URL, {"page_size": 500})

    assert len(answer.json()["results"]) == 100


def test_a_page_past_the_end_is_404(owner, owner_api):
    told(owner, 3)

    answer = owner_api.get(URL, {"page": 2})

    assert answer.status_code == 404
    assert "detail" in answer.json()


def test_pages_neither_repeat_nor_skip_notifications_made_at_once(owner, owner_api):
    made = told(owner, 25)
    Notification.objects.update(created_at=timezone.now())

    seen = ids(owner_api.get(URL)) + ids(owner_api.get(URL, {"page": 2}))

    assert sorted(seen) == sorted(notification.pk for notification in made)


@pytest.mark.parametrize("page_size", [1, 20, 100])
def test_the_list_costs_the_same_few_queries_for_any_page_size(
    owner, owner_api, django_assert_max_num_queries, page_size
):
    told(owner, 100)

    with django_assert_max_num_queries(3):
        answer = owner_api.get(URL, {"page_size": page_size})

    assert len(answer.json()["results"]) == page_size


def test_another_users_notification_is_not_found(owner, stranger_api):
    notification = tell(owner)

    answer = stranger_api.get(f"{URL}{notification.pk}/")

    assert answer.status_code == 404
    assert answer.json() == stranger_api.get(f"{URL}999999/").json()


@pytest.mark.parametrize("notification_id", ["999999", "not-a-number", "9" * 30])
def test_a_missing_notification_is_not_found(owner_api, notification_id):
    answer = owner_api.get(f"{URL}{notification_id}/")

    assert answer.status_code == 404
    assert "detail" in answer.json()


def test_marking_read_answers_with_the_notification_now_read(owner, owner_api):
    notification = tell(owner)
    before = timezone.now()

    answer = owner_api.post(f"{URL}{notification.pk}/read/")

    assert answer.status_code == 200
    body = answer.json()
    assert body["id"] == notification.pk
    marked_at = datetime.datetime.fromisoformat(body["read_at"])
    assert before <= marked_at <= timezone.now()
    assert read_at(notification) == marked_at
    assert owner_api.get(f"{URL}{notification.pk}/").json() == body


def test_marking_read_again_keeps_the_first_time(owner, owner_api):
    notification = tell(owner)
    first = owner_api.post(f"{URL}{notification.pk}/read/").json()

    again = owner_api.post(f"{URL}{notification.pk}/read/")

    assert again.status_code == 200
    assert again.json()["read_at"] == first["read_at"]


def test_another_users_notification_cannot_be_marked_read(owner, stranger_api):
    notification = tell(owner)

    answer = stranger_api.post(f"{URL}{notification.pk}/read/")

    assert answer.status_code == 404
    assert read_at(notification) is None


def test_marking_one_read_leaves_the_others_unread(owner, owner_api):
    chosen, other = told(owner, 2)

    owner_api.post(f"{URL}{chosen.pk}/read/")

    assert read_at(other) is None


def test_read_all_marks_only_the_callers_unread_ones_and_counts_them(
    owner, stranger, owner_api
):
    already_read, *unread = told(owner, 3)
    first_read = owner_api.post(f"{URL}{already_read.pk}/read/").json()["read_at"]
    theirs = tell(stranger)

    answer = owner_api.post(f"{URL}read-all/")

    assert answer.status_code == 200
    assert answer.json() == {"marked": 2}
    assert all(read_at(notification) is not None for notification in unread)
    assert read_at(already_read) == datetime.datetime.fromisoformat(first_read)
    assert read_at(theirs) is None


def test_read_all_with_nothing_unread_marks_nothing(owner, owner_api):
    tell(owner)
    owner_api.post(f"{URL}read-all/")

    assert owner_api.post(f"{URL}read-all/").json() == {"marked": 0}


def test_unread_count_counts_only_the_callers_unread_ones(owner, stranger, owner_api):
    read, *_unread = told(owner, 3)
    owner_api.post(f"{URL}{read.pk}/read/")
    tell(stranger)

    answer = owner_api.get(f"{URL}unread-count/")

    assert answer.status_code == 200
    assert answer.json() == {"unread": 2}


def test_unread_count_falls_to_zero_after_read_all(owner, owner_api):
    told(owner, 2)

    owner_api.post(f"{URL}read-all/")

    assert owner_api.get(f"{URL}unread-count/").json() == {"unread": 0}


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", ""),
        ("get", "{id}/"),
        ("post", "{id}/read/"),
        ("post", "read-all/"),
        ("get", "unread-count/"),
    ],
)
def test_every_endpoint_needs_credentials(owner, anonymous, method, path):
    notification = tell(owner)

    answer = getattr(anonymous, method)(URL + path.format(id=notification.pk))

    assert answer.status_code == 401
    assert "detail" in answer.json()
    assert read_at(notification) is None


@pytest.mark.parametrize(
    "method, path",
    [
        ("post", ""),
        ("put", "{id}/"),
        ("patch", "{id}/"),
        ("delete", "{id}/"),
        ("get", "{id}/read/"),
        ("get", "read-all/"),
        ("post", "unread-count/"),
    ],
)
def test_notifications_cannot_be_written_through_the_api(
    owner, owner_api, method, path
):
    notification = tell(owner)
    body = {"kind": "forged", "message": "Forged."}

    answer = getattr(owner_api, method)(URL + path.format(id=notification.pk), body)

    assert answer.status_code == 405
    notification.refresh_from_db()
    assert (notification.kind, notification.message) == (
        "rank_one",
        "You are at rank one.",
    )
    assert Notification.objects.count() == 1
