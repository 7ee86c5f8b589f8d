"""URLconf of the `logout_without_bearer` variant."""

from target_project.variants.flaws.accounts import TokenAndSessionLogout
from target_project.variants.flaws.urls_accounts import with_account_view

urlpatterns = with_account_view("logout", TokenAndSessionLogout.as_view())
