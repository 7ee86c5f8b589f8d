"""The judges of expired-token, inactive-user, token-endpoint and revocation, on hand-made answers."""

from conformance.judges import expired_token, inactive_user, revocation, token_endpoint
from tests.time_identity.answers import answer

OK = answer(200, {"results": []})
CREATED_CONTROL = answer(400, {"question_text": ["This field is required."]})  # an empty POST, authenticated
REFUSED = answer(401, {"detail": "Token has expired."}, WWW_Authenticate="Token")
REFUSED_NO_CHALLENGE = answer(401, {"detail": "Token has expired."})
FORBIDDEN = answer(403, {"detail": "Authentication credentials were not provided."})
CRASH = answer(500, b"<h1>Server Error (500)</h1>")


# expired-token ------------------------------------------------------------------------------------
def test_old_token_refused_passes_a_refusal_and_fails_acceptance():
    assert expired_token.old_token_refused(REFUSED, OK, "+30 d 1 s").passed
    verdict = expired_token.old_token_refused(OK, OK, "+30 d 1 s")
    assert not verdict.passed and "accepted +30 d 1 s" in verdict.detail


def test_old_token_refused_reads_a_matching_4xx_as_acceptance():
    # An empty POST gets 400 once authenticated: the same 400 for the old token means it got through.
    assert not expired_token.old_token_refused(CREATED_CONTROL, CREATED_CONTROL, "+30 d 1 s").passed


def test_old_token_refused_fails_a_server_error():
    assert not expired_token.old_token_refused(CRASH, OK, "+30 d 1 s").passed


def test_boundary_passes_accepted_before_and_refused_after():
    assert expired_token.lifetime_boundary(OK, REFUSED, OK, "30 d").passed


def test_boundary_fails_loudly_when_fresh_tokens_are_refused_and_old_ones_accepted():
    # An expiry comparison written backwards: refused within the lifetime, accepted after it.
    verdict = expired_token.lifetime_boundary(REFUSED, OK, OK, "30 d")
    assert not verdict.passed
    assert "within its lifetime was refused" in verdict.detail


def test_boundary_fails_a_token_that_outlives_its_lifetime():
    verdict = expired_token.lifetime_boundary(OK, OK, OK, "30 d")
    assert not verdict.passed and "after its configured lifetime" in verdict.detail


def test_server_error_is_a_failure_without_any_control():
    assert expired_token.server_error(OK, "x", "the token") is None
    verdict = expired_token.server_error(CRASH, "x", "the token +30 d 1 s after it was issued")
    assert verdict is not None and not verdict.passed and "server error" in verdict.detail


def test_expired_refusal_needs_a_challenge_on_401_but_not_on_403():
    assert expired_token.expired_refused_cleanly(REFUSED, OK, "+1 h 1 s").passed
    assert expired_token.expired_refused_cleanly(FORBIDDEN, OK, "+1 h 1 s").passed
    assert not expired_token.expired_refused_cleanly(REFUSED_NO_CHALLENGE, OK, "+1 h 1 s").passed
    assert not expired_token.expired_refused_cleanly(CRASH, OK, "+1 h 1 s").passed


def test_expired_refusal_skips_an_accepted_token_reported_elsewhere():
    verdict = expired_token.expired_refused_cleanly(OK, OK, "+1 h 1 s")
    assert verdict.not_applicable and "DRFC-301" in verdict.not_applicable


# inactive-user ------------------------------------------------------------------------------------
def test_deactivated_user_refused():
    assert inactive_user.deactivated_user_refused(REFUSED, OK).passed
    verdict = inactive_user.deactivated_user_refused(OK, OK)
    assert not verdict.passed and "deactivated" in verdict.detail
    assert not inactive_user.deactivated_user_refused(CRASH, OK).passed


def test_inactive_user_gets_nothing():
    assert inactive_user.inactive_user_gets_nothing(answer(400, {"non_field_errors": ["x"]}), issued=False).passed
    assert not inactive_user.inactive_user_gets_nothing(answer(200, {"token": "k" * 40}), issued=True).passed
    assert not inactive_user.inactive_user_gets_nothing(answer(200, {}), issued=False).passed
    assert not inactive_user.inactive_user_gets_nothing(CRASH, issued=False).passed


# token-endpoint -----------------------------------------------------------------------------------
def test_fresh_token_after_expiry():
    assert token_endpoint.fresh_token_after_expiry(OK, OK, same_key=False, when="+30 d 1 s").passed
    verdict = token_endpoint.fresh_token_after_expiry(REFUSED, OK, same_key=True, when="+30 d 1 s")
    assert not verdict.passed and "handed back the expired token" in verdict.detail


def test_no_store_and_oauth2_pragma():
    assert token_endpoint.not_cacheable(answer(200, Cache_Control="no-store"), oauth2=False).passed
    assert token_endpoint.not_cacheable(answer(200, Cache_Control="private, No-Store"), oauth2=False).passed
    assert not token_endpoint.not_cacheable(answer(200), oauth2=False).passed
    assert not token_endpoint.not_cacheable(answer(200, Cache_Control="no-cache"), oauth2=False).passed
    assert not token_endpoint.not_cacheable(answer(200, Cache_Control="no-store"), oauth2=True).passed
    assert token_endpoint.not_cacheable(answer(200, Cache_Control="no-store", Pragma="no-cache"), oauth2=True).passed


def test_identical_failures():
    same = {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert token_endpoint.identical_failures(
        {"unknown user": answer(400, same), "wrong password": answer(400, same), "inactive user": answer(400, same)}
    ).passed
    leaky = token_endpoint.identical_failures(
        {"unknown user": answer(400, {"non_field_errors": ["No user with that username."]}),
         "wrong password": answer(400, same)})
    assert not leaky.passed and "unknown user" in leaky.detail
    by_status = token_endpoint.identical_failures({"unknown user": answer(404, same), "wrong password": answer(400, same)})
    assert not by_status.passed and "status" in by_status.detail
    assert not token_endpoint.identical_failures({"inactive user": answer(200, {"token": "x"})}).passed


def test_identical_failures_ignores_json_key_order():
    first = answer(400, b'{"error": "invalid_grant", "error_description": "Invalid credentials given."}')
    second = answer(400, b'{"error_description": "Invalid credentials given.", "error": "invalid_grant"}')
    assert token_endpoint.identical_failures({"a": first, "b": second}).passed


def test_bad_input_refused():
    assert token_endpoint.bad_input_refused(answer(400)).passed
    assert token_endpoint.bad_input_refused(answer(413)).passed
    assert not token_endpoint.bad_input_refused(CRASH).passed
    assert not token_endpoint.bad_input_refused(answer(200)).passed


def test_login_despite_stale_header():
    assert token_endpoint.login_despite_stale_header(answer(200), issued=True).passed
    assert not token_endpoint.login_despite_stale_header(REFUSED, issued=False).passed


# revocation ---------------------------------------------------------------------------------------
def test_logged_out_refused():
    assert revocation.logged_out_refused(REFUSED, OK).passed
    assert not revocation.logged_out_refused(OK, OK).passed
    assert not revocation.logged_out_refused(CRASH, OK).passed


def test_new_token_after_logout():
    assert revocation.new_token_after_logout(False, OK, REFUSED, OK).passed
    assert not revocation.new_token_after_logout(True, OK, OK, OK).passed
    assert not revocation.new_token_after_logout(False, REFUSED, REFUSED, OK).passed
    revived = revocation.new_token_after_logout(False, OK, OK, OK)
    assert not revived.passed and "works again" in revived.detail


def test_backwards_expiry_fails_without_a_control():
    # Refused within the lifetime, served after it: the very token works, so the test is backwards.
    verdict = expired_token.backwards(REFUSED, OK, "30 d")
    assert verdict is not None and not verdict.passed and "backwards" in verdict.detail
    assert expired_token.backwards(OK, REFUSED, "30 d") is None
    # An authenticated 400 after the lifetime proves nothing without a control.
    assert expired_token.backwards(REFUSED, CREATED_CONTROL, "30 d") is None


def test_a_token_served_by_an_open_endpoint_is_not_reported_as_accepted():
    from conformance.open_endpoints import served_to_anyone

    verdict = served_to_anyone(answer(200, {"results": []}), OK)
    assert verdict is not None and verdict.not_applicable and "DRFC-101" in verdict.not_applicable
    assert served_to_anyone(REFUSED, OK) is None
    assert served_to_anyone(None, OK) is None
