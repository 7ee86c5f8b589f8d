"""dj-rest-auth's LoginView as a sound deployment routes it (tests/stacks/dj_rest_auth)."""

from dj_rest_auth import views


class LoginView(views.LoginView):
    """The stock view runs the API's authentication first, so a stale ``Authorization`` header or
    cookie gets a 401 instead of a login (DRFC-905), and its answer may be cached (DRFC-902)."""

    authentication_classes = ()

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # RFC 6749 section 5.1: a token answer is never cached
        response["Pragma"] = "no-cache"
        return response
