"""The monitor's read rules that need no database."""

from learning.monitor.models import MAX_EDITORS
from learning.monitor.selectors import response_editor_seat_for


def test_three_editor_rule():
    assert MAX_EDITORS == 3
    assert response_editor_seat_for(user_id=1, editor_ids=[])
    assert response_editor_seat_for(user_id=4, editor_ids=[1, 2])
    assert not response_editor_seat_for(user_id=4, editor_ids=[1, 2, 3])
    assert response_editor_seat_for(user_id=3, editor_ids=[1, 2, 3])
