from tests.circles.conftest import circle_index, make_circle, make_member  # noqa: F401
from tests.monitor.fixtures import (  # noqa: F401
    make_questionnaire,
    make_round,
    monitor_page,
    questionnaire,
)
from tests.profiles.conftest import make_profile, profile_index  # noqa: F401
