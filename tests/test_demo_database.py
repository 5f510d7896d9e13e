"""The shared demo (tests/demo_database.py): there for the tests that ask, gone for the others."""

import pytest

from learning.accounts.models import User

EDITOR = "redactie@circulairleren.example"

pytestmark = pytest.mark.django_db


def test_a_test_without_the_demo_sees_none_of_it():
    assert not User.objects.filter(email=EDITOR).exists()


def test_a_demo_test_may_change_the_demo(demo_database):
    User.objects.filter(email=EDITOR).delete()
    assert not User.objects.filter(email=EDITOR).exists()


def test_the_next_demo_test_sees_the_demo_as_loaded(demo_database):
    assert User.objects.filter(email=EDITOR).exists()
