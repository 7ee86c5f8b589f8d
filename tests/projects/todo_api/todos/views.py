"""The todos viewset, the token login and, with mistake 2 of README.md, a stats view open to anyone."""

from rest_framework import serializers, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from todos.models import Todo


class TodoSerializer(serializers.ModelSerializer):
    class Meta:
        model = Todo
        fields = ["id", "title", "done"]


class TodoViewSet(viewsets.ModelViewSet):
    queryset = Todo.objects.order_by("id")
    serializer_class = TodoSerializer


class Stats(APIView):
    # Mistake 2: opened "for the dashboard"; it is not a public path.
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"todos": Todo.objects.count(), "done": Todo.objects.filter(done=True).count(),
                         "titles": list(Todo.objects.values_list("title", flat=True)[:5])})


class Login(ObtainAuthToken):
    """DRF's token login, done right: a stale Authorization header cannot block it, and the
    answer (a credential) is never cached (RFC 6749 section 5.1)."""

    authentication_classes = []

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response
