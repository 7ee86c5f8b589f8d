"""Build ``Answer`` objects by hand, for judges that are plain functions of answers."""

import json

from requests.structures import CaseInsensitiveDict

from conformance.http import Answer, Exchange


def answer(status: int, body=b"", **headers: str) -> Answer:
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    names = {key.replace("_", "-"): value for key, value in headers.items()}
    exchange = Exchange("probe", {"method": "GET", "url": "https://t/", "headers": {}, "body": None},
                        {"status": status, "headers": names, "body": body.decode()}, "curl", 0.0)
    return Answer(status, CaseInsensitiveDict(names), body, "https://t/", exchange)
