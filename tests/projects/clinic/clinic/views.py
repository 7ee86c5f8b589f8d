"""An e-mail login, the patient's own record and the clinics."""

from django.contrib.auth import authenticate
from django.db import transaction
from rest_framework import generics, serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import APIView

from clinic.authentication import expired
from clinic.models import Clinic


class EmailLoginSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False)

    def validate(self, attrs):
        user = authenticate(self.context["request"], email=attrs["email"], password=attrs["password"])
        if user is None:  # one message for every failure (CWE-204)
            raise serializers.ValidationError("Unable to log in with provided credentials.")
        return {"user": user}


class EmailLogin(ObtainAuthToken):
    """POST email and password, get {"token": ...}; an expired token is replaced."""

    serializer_class = EmailLoginSerializer
    authentication_classes = ()

    def post(self, request, *args, **kwargs):
        serializer = self.serializer_class(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        with transaction.atomic():
            token, created = Token.objects.select_for_update().get_or_create(user=user)
            if not created and expired(token):
                token.delete()
                token = Token.objects.create(user=user)
        return Response({"token": token.key})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Pragma"] = "no-cache"
        return response


class Me(APIView):
    def get(self, request):
        return Response({"email": request.user.email, "public_id": request.user.public_id})


class ClinicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clinic
        fields = ["id", "name"]


class ClinicList(generics.ListAPIView):
    queryset = Clinic.objects.order_by("id")
    serializer_class = ClinicSerializer


class ClinicDetail(generics.RetrieveAPIView):
    queryset = Clinic.objects.all()
    serializer_class = ClinicSerializer
