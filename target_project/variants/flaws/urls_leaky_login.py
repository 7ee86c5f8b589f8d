"""URLconf of the `leaky_login` variant."""

from target_project.variants.flaws.accounts import LeakyLogin
from target_project.variants.flaws.urls_accounts import with_account_view

urlpatterns = with_account_view("get_auth_token", LeakyLogin.as_view())
