from rest_framework.response import Response
from rest_framework.views import APIView


class Me(APIView):
    def get(self, request):
        return Response({"username": request.user.get_username()})


class Notes(APIView):
    def get(self, request):
        return Response([])

    def post(self, request):
        return Response({"saved": True}, status=201)
