from django.conf import settings
from django.db import models


class Snippet(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    title = models.CharField(max_length=100, blank=True, default="")
    code = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="snippets", on_delete=models.CASCADE)
