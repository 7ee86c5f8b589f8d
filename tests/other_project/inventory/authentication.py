"""Stock DRF tokens under the ``Bearer`` keyword, as many projects configure them."""

from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    keyword = "Bearer"
