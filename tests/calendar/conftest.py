# The circle fixtures, for the feeds that carry learning-circle meetings.
from tests.circles.conftest import circle_index, make_circle, make_member  # noqa: F401
