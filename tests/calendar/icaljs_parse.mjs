// Parse iCalendar text (stdin) with Mozilla's ical.js, the parser of Thunderbird, and print
// JSON: the calendar's METHOD and, per VEVENT, UID, SEQUENCE, STATUS, TRANSP, SUMMARY and
// DTSTART/DTEND as UTC instants (timed) or dates (all-day). The time zone comes from the
// VTIMEZONE in the text itself, as a client without its own zone database would read it.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const root = new ICAL.Component(ICAL.parse(Buffer.concat(chunks).toString("utf8")));

for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtimezone);
}

function moment(time) {
  if (time === null) return null;
  if (time.isDate) return { date: time.toString() };
  return {
    utc: new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z"),
    tzid: time.zone ? time.zone.tzid : null,
  };
}

const events = root.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
    transp: vevent.getFirstPropertyValue("transp"),
    summary: event.summary,
    dtstart: moment(event.startDate),
    dtend: moment(event.endDate),
  };
});

process.stdout.write(
  JSON.stringify({
    method: root.getFirstPropertyValue("method"),
    components: root.getAllSubcomponents().map((c) => c.name),
    timezones: root.getAllSubcomponents("vtimezone").map((c) => c.getFirstPropertyValue("tzid")),
    events,
  }),
);
