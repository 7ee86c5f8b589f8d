"""Set-Cookie headers that requests has joined into one value: every cookie is masked.

The canary test found this leak: a session login answers with two Set-Cookie headers (CSRF and
session), requests folds them into one value separated by ", ", and only the first was masked.
"""

from conformance.evidence import Redactor, redact_headers

JOINED = ("csrftoken=csrfsecret123456; expires=Tue, 29 Dec 2026 09:12:45 GMT; Max-Age=31449600; Path=/; "
          "SameSite=Lax; Secure, sessionid=o21yw2zpdmwt564rrjnfwj4wiv7xb8e1; expires=Tue, 29 Dec 2026 "
          "09:12:45 GMT; HttpOnly; Max-Age=2592000; Path=/; SameSite=Lax; Secure")


def test_every_cookie_of_a_joined_set_cookie_value_is_masked_and_attributes_stay():
    masked = redact_headers({"Set-Cookie": JOINED}, Redactor())["Set-Cookie"]
    assert "csrfsecret123456" not in masked and "o21yw2zpdmwt564rrjnfwj4wiv7xb8e1" not in masked
    assert masked.count("=[REDACTED]") == 2
    assert "expires=Tue, 29 Dec 2026 09:12:45 GMT; HttpOnly" in masked  # judges of cookie flags still see them
