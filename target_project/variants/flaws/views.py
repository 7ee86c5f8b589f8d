"""
Flawed views and exception handler. NEVER USE ANY OF IT.
"""

from rest_framework import exceptions
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import exception_handler

from target_project.polls.views import QuestionList

# --- Views --------------------------------------------------------------------


class OpenQuestionList(QuestionList):
    """
    FLAW (CWE-306): "reads are public" on a list that is not. The DRF tutorial's
    IsAuthenticatedOrReadOnly, copied onto a view whose data needs a login.
    """

    permission_classes = [IsAuthenticatedOrReadOnly]


class TeaserQuestionList(QuestionList):
    """
    FLAW (CWE-200): a "teaser" for the login prompt. The refusal carries a preview
    of the data so the client can render something behind the login wall.
    """

    def permission_denied(self, request, message=None, code=None):
        try:
            super().permission_denied(request, message=message, code=code)
        except (exceptions.NotAuthenticated, exceptions.PermissionDenied) as refusal:
            preview = self.get_serializer(self.get_queryset()[:5], many=True).data
            refusal.detail = {"detail": refusal.detail, "preview": preview}
            raise


# --- Exception handler -----------------------------------------------------------


def enveloped_exception_handler(exc, context):
    """
    FLAW (RFC 9110 §11.6.1): a uniform error envelope. Building a new Response from
    the old one's data and status drops its headers, WWW-Authenticate included.
    """
    response = exception_handler(exc, context)
    if response is None:
        return None
    return Response(
        {"error": {"status": response.status_code, "detail": response.data}},
        status=response.status_code,
    )


def traceback_exception_handler(exc, context):
    """
    FLAW (CWE-209): "helpful" error answers. Every error DRF handles carries the
    traceback of the exception, so clients see file paths, code and library versions.
    """
    import traceback

    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict):
        response.data["traceback"] = traceback.format_exc()
    return response


class FormOnlyQuestionList(QuestionList):
    """
    Not a flaw: a write endpoint that takes HTML forms only, as views fed by a web form do.
    A JSON body gets the parser's 415, and for a session request it gets it while
    SessionAuthentication's CSRF check reads request.POST, so with or without a CSRF token.
    """

    parser_classes = [FormParser, MultiPartParser]
