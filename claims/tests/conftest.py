"""The review desk's personas: two reporters, two editors, and a user with no role."""
import pytest
from django.contrib.auth.models import Group


def make_user(django_user_model, username: str, role: str | None):
    user = django_user_model.objects.create_user(username, email=f"{username}@example.org", password="pw-1-long-enough")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def rita(django_user_model):
    return make_user(django_user_model, "rita", "reporter")


@pytest.fixture
def rob(django_user_model):
    return make_user(django_user_model, "rob", "reporter")


@pytest.fixture
def eddie(django_user_model):
    return make_user(django_user_model, "eddie", "editor")


@pytest.fixture
def erin(django_user_model):
    return make_user(django_user_model, "erin", "editor")


@pytest.fixture
def nobody(django_user_model):
    return make_user(django_user_model, "nobody", None)
