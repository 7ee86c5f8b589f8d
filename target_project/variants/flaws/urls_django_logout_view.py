"""URLconf of the `django_logout_view` variant."""

from django.contrib.auth.views import LogoutView

from target_project.variants.flaws.urls_accounts import with_account_view

# Where a browser goes afterwards: without it, LogoutView renders a template this project lacks.
urlpatterns = with_account_view("logout", LogoutView.as_view(next_page="/accounts/login/"))
