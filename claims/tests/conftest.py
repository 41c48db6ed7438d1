"""The review desk's personas: two reporters, two editors, and a user with no role."""
from functools import partial

import pytest

from conftest import make_user as make_role_user

make_user = partial(make_role_user, email_domain="example.org", password="pw-1-long-enough")


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
