"""Patients log in by e-mail; each belongs to a clinic and carries a public id."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models


class Clinic(models.Model):
    name = models.CharField(max_length=100)


class PatientManager(BaseUserManager):
    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("a patient needs an e-mail address")
        patient = self.model(email=self.normalize_email(email), **extra)
        patient.set_password(password)
        patient.full_clean(exclude=["password"])  # "Enter a valid email address." for a username
        patient.save(using=self._db)
        return patient

    def create_superuser(self, email, password=None, **extra):
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class Patient(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=40)
    birth_date = models.DateField()
    public_id = models.CharField(max_length=12, unique=True)  # no default: every insert names one
    clinic = models.ForeignKey(Clinic, on_delete=models.PROTECT, default=1)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name", "birth_date"]
    objects = PatientManager()
