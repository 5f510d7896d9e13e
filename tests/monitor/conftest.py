from tests.monitor.fixtures import (  # noqa: F401
    make_questionnaire,
    make_round,
    monitor_page,
    open_round,
    questionnaire,
)
