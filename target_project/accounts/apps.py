from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "target_project.accounts"
    label = "accounts"
    verbose_name = "Accounts"
