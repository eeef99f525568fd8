// Dates and times shown in a given IANA zone with the browser's Intl; the API sends UTC instants.

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const formats = new Map();
function formatter(zone, withZoneName) {
  const key = `${zone}|${withZoneName}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, weekday: 'short', year: 'numeric', month: 'short', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: withZoneName ? 'short' : undefined,
    }));
  }
  return formats.get(key);
}

/** "Mon, 07 Dec 2026, 09:00 EST" in zone, or an em dash for none. */
export function inZone(iso, zone, withZoneName = true) {
  if (!iso) return '—';
  try { return formatter(zone, withZoneName).format(new Date(iso)); } catch { return iso; }
}

/** The UTC offset of zone at the instant, "-05:00" style. */
export function offsetAt(iso, zone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(iso));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value || 'GMT';
  return name === 'GMT' ? '+00:00' : name.replace('GMT', '');
}

/** "14:00 UTC" */
export function utcClock(iso) {
  const d = new Date(iso);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The zones the browser knows, with UTC first; a short list when Intl.supportedValuesOf is missing. */
export function zones() {
  let list = [];
  try { list = Intl.supportedValuesOf('timeZone'); } catch { list = []; }
  if (!list.length) list = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Australia/Sydney'];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}
