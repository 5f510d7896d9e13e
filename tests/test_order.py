"""The order the tests run in (tests/conftest.py)."""

from tests.conftest import interleaved


def test_browser_tests_are_spread_evenly_among_the_others_in_their_own_order():
    items = ["e2e1", "a", "e2e2", "b", "c", "e2e3", "d", "f", "g"]

    merged = interleaved(items, lambda item: item.startswith("e2e"))

    assert merged == ["e2e1", "a", "b", "e2e2", "c", "d", "e2e3", "f", "g"]
    assert sorted(merged) == sorted(items)


def test_with_only_one_kind_the_order_stays():
    assert interleaved(["a", "b", "c"], lambda item: False) == ["a", "b", "c"]
    assert interleaved(["e2e1", "e2e2"], lambda item: True) == ["e2e1", "e2e2"]
    assert interleaved([], lambda item: True) == []
