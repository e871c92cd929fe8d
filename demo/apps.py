from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo committee of Rasht that `make run` loads (`manage.py load_demo`): data and a
    loader that goes through the services like any user. Nothing imports it."""

    name = "demo"
    verbose_name = "نمایش"
