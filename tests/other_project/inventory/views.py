"""A router-built viewset, a view with its own authentication classes, and a public health check."""

from django.http import JsonResponse
from rest_framework import serializers, viewsets
from rest_framework.authentication import BasicAuthentication
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from inventory.authentication import BearerTokenAuthentication
from inventory.models import Item


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ["id", "sku", "name", "quantity"]


class ItemViewSet(viewsets.ModelViewSet):
    queryset = Item.objects.order_by("id")
    serializer_class = ItemSerializer

    @action(detail=True, methods=["post"])
    def restock(self, request, pk=None):
        item = self.get_object()
        item.quantity += 10
        item.save(update_fields=["quantity"])
        return Response(ItemSerializer(item).data)


class StockLevel(APIView):
    # Tokens only: a clerk's password never reaches this endpoint.
    authentication_classes = [BearerTokenAuthentication]

    def get(self, request, sku):
        item = Item.objects.filter(sku=sku).first()
        return Response({"sku": sku, "quantity": item.quantity if item else 0})


def health(request):
    return JsonResponse({"status": "ok"})
