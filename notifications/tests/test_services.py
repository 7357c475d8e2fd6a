import logging

import pytest
from django.db import transaction

from notifications.models import Notification
from notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    notify,
)

pytestmark = pytest.mark.django_db


def test_notify_stores_what_it_is_given(owner):
    notification = notify(
        recipient=owner,
        kind="rank_one_lost",
        message="Someone passed you.",
        data={"rank": 2},
    )

    stored = Notification.objects.get()
    assert stored == notification
    assert stored.recipient == owner
    assert stored.kind == "rank_one_lost"
    assert stored.message == "Someone passed you."
    assert stored.data == {"rank": 2}
    assert stored.read_at is None


def test_notify_without_data_stores_an_empty_object(owner):
    notify(recipient=owner, kind="rank_one", message="You are at rank one.")

    assert Notification.objects.get().data == {}


def test_notify_logs_the_user_and_the_kind_but_never_the_message(
    owner, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.INFO, logger="notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notification = notify(
            recipient=owner, kind="rank_one", message="A private word."
        )

    assert len(caplog.records) == 1
    line = caplog.records[0].getMessage()
    assert f"user id={owner.pk}" in line
    assert f"id={notification.pk}" in line
    assert "rank_one" in line
    assert "private" not in line


def test_a_notice_rolled_back_with_its_senders_transaction_is_not_logged(
    owner, caplog, django_capture_on_commit_callbacks
):
    with (
        caplog.at_level(logging.INFO, logger="notifications"),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipient=owner, kind="rank_one", message="Never sent.")
        raise RuntimeError("the sender failed")

    assert caplog.records == []
    assert Notification.objects.count() == 0


def test_marking_read_again_keeps_the_first_time(owner):
    notification = notify(recipient=owner, kind="rank_one", message="Hello.")
    first = notification_mark_read(notification=notification).read_at

    again = notification_mark_read(notification=notification)

    assert again.read_at == first
    notification.refresh_from_db()
    assert notification.read_at == first


def test_a_stale_copy_marked_read_keeps_the_time_another_request_set(owner):
    notification = notify(recipient=owner, kind="rank_one", message="Hello.")
    stale = Notification.objects.get(pk=notification.pk)
    first = notification_mark_read(notification=notification).read_at

    answer = notification_mark_read(notification=stale)

    assert answer.read_at == first
    assert Notification.objects.get().read_at == first


def test_mark_all_read_counts_only_the_recipients_unread_ones(owner, stranger):
    for _ in range(3):
        notify(recipient=owner, kind="rank_one", message="Hello.")
    theirs = notify(recipient=stranger, kind="rank_one", message="Hello.")

    assert notifications_mark_all_read(recipient=owner) == 3
    assert notifications_mark_all_read(recipient=owner) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None
