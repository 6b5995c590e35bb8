// Reads .ics files the way two other calendar clients do: ical.js (Mozilla's parser, in
// Thunderbird), with the file's own VTIMEZONE registered, and node-ical. Prints, per file and
// parser, each event's UID with its start and end in UTC as JSON. Used by tests/test_calendars.py.
import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

const utc = (date) => (date ? date.toISOString().replace(".000Z", "Z") : null);
const result = {};
for (const path of process.argv.slice(2)) {
  const text = await readFile(path, "utf8");

  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const icaljs = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return { uid: event.uid, start: utc(event.startDate.toJSDate()),
             end: component.hasProperty("dtend") ? utc(event.endDate.toJSDate()) : null,
             zone: event.startDate.zone ? event.startDate.zone.tzid : null };
  });

  const nodeical = Object.values(nodeIcal.sync.parseICS(text))
    .filter((item) => item.type === "VEVENT")
    .map((event) => ({ uid: event.uid, start: utc(event.start), end: utc(event.end) }));

  result[path] = { "ical.js": icaljs, "node-ical": nodeical };
}
console.log(JSON.stringify(result));
