"""
Serializers of the polls API: a question is always shown with its choices.
"""

from rest_framework import serializers

from .models import Choice, Question


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["id", "choice_text", "votes"]


class QuestionSerializer(serializers.ModelSerializer):
    # Read-only: choices are added through their own endpoint, which keeps writes
    # to a question a flat, easily validated document.
    choices = ChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "question_text", "pub_date", "choices"]
