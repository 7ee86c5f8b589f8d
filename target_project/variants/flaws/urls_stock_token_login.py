"""URLconf of the `stock_token_login` variant."""

from rest_framework.authtoken.views import obtain_auth_token
from target_project.variants.flaws.urls_accounts import with_account_view

urlpatterns = with_account_view("get_auth_token", obtain_auth_token)
