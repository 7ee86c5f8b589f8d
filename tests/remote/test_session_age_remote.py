"""DRFC-304 in remote mode: the session.expired role conformance_provision opens back-dated.

Against ``session_year_old`` (SESSION_COOKIE_AGE of a year) the back-dated session is still
served, so the remote audit fails DRFC-304 as the in-process one does (the reference's pass is
asserted in test_end_to_end.py).
"""

from tests.remote.test_end_to_end import openapi_document, remote_audit

VARIANT = "target_project.variants.session_year_old"


def test_a_year_long_session_is_caught_remotely(served_deployment, tmp_path):
    deployment = served_deployment(VARIANT)
    remote = remote_audit(deployment, tmp_path / "remote", "--openapi", openapi_document(deployment),
                          extra=("-k", "test_session_older_than_max_token_age_is_refused"))
    assert remote.exit_code == 1, remote.stdout[-3000:] + remote.stderr[-2000:]
    assert remote.report["target"]["credential_roles"]["session.expired"] == "file"
    aged = [r for r in remote.report["results"] if r["check_id"] == "DRFC-304" and r["outcome"] != "skipped"]
    assert aged and all(r["outcome"] == "failed" for r in aged), aged
    assert "session.expired" in aged[0]["detail"]
