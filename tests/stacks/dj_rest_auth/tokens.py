"""The token creator of the sound token-mode stack (``REST_AUTH["TOKEN_CREATOR"]``)."""

from django.db import transaction

from target_project.accounts.authentication import token_expired


def fresh_token(token_model, user, serializer):
    """dj-rest-auth's ``default_create_token``, plus: an expired token is replaced, not handed back."""
    with transaction.atomic():
        token, created = token_model.objects.select_for_update().get_or_create(user=user)
        if not created and token_expired(token):
            token.delete()
            token = token_model.objects.create(user=user)
    return token
