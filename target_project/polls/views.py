"""
The polls API, built from DRF's generic views.

Authentication and permissions come from the REST_FRAMEWORK defaults, so every
view here requires an authenticated, active user; nothing is opened per view.
"""

from django.shortcuts import get_object_or_404
from rest_framework import generics

from .models import Choice, Question
from .serializers import ChoiceSerializer, QuestionSerializer


class QuestionList(generics.ListCreateAPIView):
    queryset = Question.objects.prefetch_related("choices")
    serializer_class = QuestionSerializer


class QuestionDetail(generics.RetrieveUpdateDestroyAPIView):
    queryset = Question.objects.prefetch_related("choices")
    serializer_class = QuestionSerializer


class ChoiceList(generics.ListCreateAPIView):
    serializer_class = ChoiceSerializer

    def get_question(self):
        # Reached only after the permission checks of APIView.initial(), so an
        # anonymous caller learns nothing about which questions exist (CWE-204).
        return get_object_or_404(Question, pk=self.kwargs["pk"])

    def get_queryset(self):
        return Choice.objects.filter(question=self.get_question())

    def perform_create(self, serializer):
        serializer.save(question=self.get_question())
