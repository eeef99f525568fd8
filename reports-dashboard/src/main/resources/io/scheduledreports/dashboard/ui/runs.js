// Upcoming runs as a table: local time in the schedule's zone, its UTC offset and UTC time, and a mark where
// daylight saving time moves the UTC time (e.g. 09:00 New York: 14:00 UTC in winter, 13:00 UTC in summer).
import { h } from './dom.js';
import { inZone, offsetAt, utcClock, viewerZone } from './time.js';

/** runs: [{utc: "...Z"}] */
export function runsTable(runs, zone, { caption } = {}) {
  if (!runs.length) return h('p', { class: 'muted' }, 'No upcoming runs.');
  let previous = null;
  const rows = runs.map((run) => {
    const offset = offsetAt(run.utc, zone);
    const shift = previous && previous.offset !== offset;
    const note = shift ? `DST shift: ${utcClock(previous.utc)} → ${utcClock(run.utc)} (UTC${previous.offset} → UTC${offset})` : '';
    previous = { utc: run.utc, offset };
    return h('tr', { class: shift ? 'dst' : null, 'data-utc': run.utc },
      h('td', null, inZone(run.utc, zone)),
      h('td', null, `UTC${offset}`),
      h('td', null, utcClock(run.utc)),
      zone === viewerZone ? null : h('td', null, inZone(run.utc, viewerZone)),
      h('td', { class: 'dst-note' }, note));
  });
  return h('div', { class: 'scroll' }, h('table', { class: 'runs' },
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, `Local (${zone})`), h('th', { scope: 'col' }, 'Offset'),
      h('th', { scope: 'col' }, 'UTC'), zone === viewerZone ? null : h('th', { scope: 'col' }, `Your time (${viewerZone})`),
      h('th', { scope: 'col' }, 'Daylight saving'))),
    h('tbody', null, rows)));
}
