"""Three independent iCalendar readers: icalendar, the ``ical`` package and Mozilla's ical.js
(Thunderbird's parser, run with the Node.js in the venv). ical.js takes the time zone from the
VTIMEZONE in the text itself, so it is the one that catches a badly shaped VTIMEZONE."""

import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("icaljs_parse.mjs")


def node() -> str | None:
    beside_python = Path(sys.executable).with_name("node")
    return str(beside_python) if beside_python.exists() else shutil.which("node")


def icaljs_available() -> bool:
    return node() is not None and (ROOT / "node_modules" / "ical.js" / "package.json").exists()


def icaljs(text: str) -> dict:
    """ical.js's reading: method, components and per VEVENT uid, sequence, status, transp,
    summary and dtstart/dtend as {"utc": ...} or {"date": ...}."""
    require_service(icaljs_available(), "Node.js with ical.js (npm ci)")
    result = subprocess.run(
        [node(), str(SCRIPT)],
        input=text.encode(),
        capture_output=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def _instant(value) -> dict:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, "no floating times"
        return {"utc": value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    assert isinstance(value, date)
    return {"date": value.isoformat()}


def read_all(text: str) -> dict[str, dict]:
    """Every VEVENT as the three readers agree on it, by UID: dtstart and dtend (UTC instant
    or date), sequence, status, transp, summary. Fails when two readers disagree."""
    calendar = Calendar.from_ical(text)
    first = {}
    for item in calendar.walk("VEVENT"):
        first[str(item["uid"])] = {
            "dtstart": _instant(item.decoded("dtstart")),
            "dtend": _instant(item.decoded("dtend")),
            "sequence": item.decoded("sequence"),
            "status": str(item.get("status", "")) or None,
            "transp": str(item.get("transp", "")) or None,
            "summary": str(item["summary"]),
        }
    assert len(first) == len(calendar.walk("VEVENT")), "one UID per event"

    strict = IcsCalendarStream.calendar_from_ics(text)
    second = {
        event.uid: {
            "dtstart": _instant(event.dtstart),
            "dtend": _instant(event.dtend),
            "sequence": event.sequence,
        }
        for event in strict.events
    }

    mozilla = icaljs(text)
    assert mozilla["components"], "RFC 5545: a calendar has at least one component"
    assert mozilla["timezones"] == ["Europe/Amsterdam"]
    third = {}
    for event in mozilla["events"]:
        moments = {}
        for key in ("dtstart", "dtend"):
            value = dict(event[key])
            if "utc" in value:
                assert value.pop("tzid") == "Europe/Amsterdam"
            moments[key] = value
        third[event["uid"]] = {**moments, "sequence": event["sequence"]}

    assert set(first) == set(second) == set(third)
    for uid, item in first.items():
        basics = {key: item[key] for key in ("dtstart", "dtend", "sequence")}
        assert second[uid] == basics, f"ical package reads {uid} differently"
        assert third[uid] == basics, f"ical.js reads {uid} differently"
        by_js = next(event for event in mozilla["events"] if event["uid"] == uid)
        assert by_js["status"] == item["status"]
        assert by_js["transp"] == item["transp"]
        assert by_js["summary"] == item["summary"]
    return first
