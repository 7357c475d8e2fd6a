import datetime

import pytest

from sessions_app.models import MeditationSession, local_date_for
from sessions_app.tests.factories import MeditationSessionFactory

pytestmark = pytest.mark.django_db

URL = "/api/sessions/"
UTC = datetime.UTC


def at(*args, tz=UTC) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=tz)


def ids(answer) -> list[int]:
    assert answer.status_code == 200, answer.json()
    return [item["id"] for item in answer.json()["results"]]


def many_sessions(user, count: int) -> None:
    start = at(2025, 1, 1, 8)
    MeditationSession.objects.bulk_create(
        MeditationSession(
            user=user,
            meditation_type="zen",
            duration=10,
            timezone="UTC",
            started_at=start + datetime.timedelta(hours=n),
            local_date=local_date_for(start + datetime.timedelta(hours=n), "UTC"),
        )
        for n in range(count)
    )


def test_pages_hold_twenty_by_default(owner, owner_api):
    many_sessions(owner, 45)

    first = owner_api.get(URL).json()
    last = owner_api.get(URL, {"page": 3}).json()

    assert first["count"] == 45
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert len(last["results"]) == 5
    assert last["next"] is None


def test_page_size_is_capped_at_one_hundred(owner, owner_api):
    many_sessions(owner, 130)

    answer = owner_api.get(URL, {"page_size": 500})

    assert len(answer.json()["results"]) == 100


def test_page_size_can_be_smaller(owner, owner_api):
    many_sessions(owner, 10)

    assert len(owner_api.get(URL, {"page_size": 3}).json()["results"]) == 3


def test_a_page_past_the_end_is_404(owner, owner_api):
    many_sessions(owner, 5)

    answer = owner_api.get(URL, {"page": 2})

    assert answer.status_code == 404
    assert "detail" in answer.json()


def test_pages_neither_repeat_nor_skip_sessions_with_the_same_start(owner, owner_api):
    same_moment = at(2026, 1, 1, 7)
    MeditationSessionFactory.create_batch(25, user=owner, started_at=same_moment)

    seen = ids(owner_api.get(URL)) + ids(owner_api.get(URL, {"page": 2}))

    assert sorted(seen) == sorted(
        MeditationSession.objects.values_list("id", flat=True)
    )


def test_filter_by_type(owner, owner_api):
    zen = MeditationSessionFactory(user=owner, meditation_type="zen")
    MeditationSessionFactory(user=owner, meditation_type="walking")

    assert ids(owner_api.get(URL, {"meditation_type": "zen"})) == [zen.pk]


def test_filter_by_an_unknown_type_is_400(owner_api):
    answer = owner_api.get(URL, {"meditation_type": "napping"})

    assert answer.status_code == 400
    assert "meditation_type" in answer.json()


def test_duration_bounds_are_inclusive(owner, owner_api):
    by_minutes = {
        minutes: MeditationSessionFactory(user=owner, duration=minutes).pk
        for minutes in (5, 10, 20, 30)
    }

    answer = owner_api.get(URL, {"min_duration": 10, "max_duration": 20})

    assert sorted(ids(answer)) == sorted([by_minutes[10], by_minutes[20]])


@pytest.mark.parametrize(
    "params",
    [
        {"min_duration": "ten"},
        {"max_duration": "-1"},
        {"min_duration": "99999999999999999999999"},
        {"started_after": "last week"},
        {"started_before": "2026-02-30"},
        {"ordering": "notes"},
    ],
)
def test_bad_filters_are_400_naming_the_parameter(owner_api, params):
    answer = owner_api.get(URL, params)

    assert answer.status_code == 400
    assert set(params) <= set(answer.json())


def test_started_after_is_inclusive_and_before_is_exclusive(owner, owner_api):
    edge = MeditationSessionFactory(user=owner, started_at=at(2026, 2, 1, 9))
    later = MeditationSessionFactory(user=owner, started_at=at(2026, 2, 1, 10))

    after = owner_api.get(URL, {"started_after": "2026-02-01T09:00:00Z"})
    before = owner_api.get(URL, {"started_before": "2026-02-01T10:00:00Z"})

    assert sorted(ids(after)) == sorted([edge.pk, later.pk])
    assert ids(before) == [edge.pk]


def test_a_date_bound_means_midnight_in_the_profile_zone(owner, owner_api):
    owner.profile.timezone = "Asia/Tokyo"
    owner.profile.save()
    # 23:30 UTC on 31 January is 08:30 on 1 February in Tokyo.
    tokyo_morning = MeditationSessionFactory(
        user=owner, started_at=at(2026, 1, 31, 23, 30)
    )
    MeditationSessionFactory(user=owner, started_at=at(2026, 1, 31, 14, 0))

    answer = owner_api.get(
        URL, {"started_after": "2026-02-01", "started_before": "2026-02-02"}
    )

    assert ids(answer) == [tokyo_morning.pk]


def test_a_naive_bound_is_read_in_the_profile_zone(owner, owner_api):
    owner.profile.timezone = "America/New_York"
    owner.profile.save()
    session = MeditationSessionFactory(user=owner, started_at=at(2026, 1, 10, 12))

    just_before = owner_api.get(URL, {"started_after": "2026-01-10T06:59:00"})
    just_after = owner_api.get(URL, {"started_after": "2026-01-10T07:01:00"})

    assert ids(just_before) == [session.pk]
    assert ids(just_after) == []


def test_ordering_by_duration_and_start(owner, owner_api):
    short = MeditationSessionFactory(user=owner, duration=5, started_at=at(2026, 1, 3))
    long = MeditationSessionFactory(user=owner, duration=50, started_at=at(2026, 1, 1))
    middle = MeditationSessionFactory(
        user=owner, duration=20, started_at=at(2026, 1, 2)
    )

    assert ids(owner_api.get(URL, {"ordering": "duration"})) == [
        short.pk,
        middle.pk,
        long.pk,
    ]
    assert ids(owner_api.get(URL, {"ordering": "-duration"})) == [
        long.pk,
        middle.pk,
        short.pk,
    ]
    assert ids(owner_api.get(URL, {"ordering": "started_at"})) == [
        long.pk,
        middle.pk,
        short.pk,
    ]
    assert ids(owner_api.get(URL, {"ordering": "-started_at"})) == [
        short.pk,
        middle.pk,
        long.pk,
    ]


def test_the_list_costs_the_same_few_queries_for_any_page_size(
    owner, owner_api, django_assert_max_num_queries
):
    many_sessions(owner, 100)

    with django_assert_max_num_queries(6):
        answer = owner_api.get(URL, {"page_size": 100})

    assert len(answer.json()["results"]) == 100
