from tests.indicators.fixtures import people  # noqa: F401
