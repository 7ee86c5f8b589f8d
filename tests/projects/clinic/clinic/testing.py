"""The project's own way to make a test patient: ``CONFORMANCE["USER_FACTORY"]`` names it.

Used by tests/projects/test_clinic.py to prove the hook: with it, no fixture is needed, since it
opens the clinic a patient belongs to when there is none.
"""

from clinic.models import Clinic, Patient


def make_patient(*, label, password, fields):
    clinic, _ = Clinic.objects.get_or_create(pk=1, defaults={"name": "Test Clinic"})
    return Patient.objects.create_user(
        fields["email"], password, full_name=f"Test {label}"[:40], birth_date=fields["birth_date"],
        public_id=fields["public_id"], clinic=clinic,
    )


def make_patient_of_a_missing_clinic(*, label, password, fields):
    """As a post_save signal or a raw insert does: no validation, a clinic that is not there, so
    the database itself refuses it ("FOREIGN KEY constraint failed" at commit)."""
    patient = Patient(email=fields["email"], full_name="Test", birth_date=fields["birth_date"],
                      public_id=fields["public_id"], clinic_id=99)
    patient.set_password(password)
    patient.save()
    return patient
