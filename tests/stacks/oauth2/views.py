"""
The API views of the OAuth2 stack, guarded the way django-oauth-toolkit documents scopes:
notes need 'read' to list and 'write' to add (TokenHasReadWriteScope); the machine status
endpoint serves clients with no user (client credentials) that hold the 'read' scope.
"""

from oauth2_provider.contrib.rest_framework import TokenHasReadWriteScope, TokenHasScope
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView


class Notes(APIView):
    permission_classes = [TokenHasReadWriteScope]

    def get(self, request):
        return Response([])

    def post(self, request):
        return Response({"created": True}, status=status.HTTP_201_CREATED)


class MachineStatus(APIView):
    permission_classes = [TokenHasScope]
    required_scopes = ["read"]

    def get(self, request):
        return Response({"status": "ok"})
