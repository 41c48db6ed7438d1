from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_remember_language_in_session, dispatch_uid="accounts-language")


def _remember_language_in_session(sender, request, user, **kwargs) -> None:
    """At login, the user's saved interface language goes into the session (see middleware)."""
    from accounts.middleware import SESSION_KEY
    from accounts.models import Preferences

    if request is None or not hasattr(request, "session"):
        return
    language = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
    if language:
        request.session[SESSION_KEY] = language
