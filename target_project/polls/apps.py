from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "target_project.polls"
    label = "polls"
    verbose_name = "Polls"
