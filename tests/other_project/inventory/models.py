"""A clerk logs in by e-mail; items have a SKU."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models


class ClerkManager(BaseUserManager):
    def create_user(self, email, password=None, **extra):
        clerk = self.model(email=self.normalize_email(email), **extra)
        clerk.set_password(password)
        clerk.save(using=self._db)
        return clerk

    def create_superuser(self, email, password=None, **extra):
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class Clerk(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    objects = ClerkManager()


class Item(models.Model):
    sku = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=100)
    quantity = models.PositiveIntegerField(default=0)
