def test_owner_can_log_a_session(owner_api):
    answer = owner_api.post(
        "/api/sessions/", {"meditation_type": "zen", "duration": 15}
    )

    assert answer.status_code == 201
    assert owner_api.get("/api/sessions/").json()["count"] == 1
