// Cadences and cron expressions in words.

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CRON_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_NAMES = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const MONTH_NAMES = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };

const pad = (n) => String(n).padStart(2, '0');
const ordinal = (n) => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return n + (s[(v - 20) % 10] || s[v] || s[0]);
};
const list = (items) => (items.length <= 1 ? items.join('')
  : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

function number(token, names) {
  const t = token.toUpperCase();
  if (names && t in names) return names[t];
  if (!/^\d+$/.test(t)) throw new Error(`'${token}' is not a number`);
  return Number(t);
}

function within(expr, what, min, max) {
  for (const n of expr.split(/[,/-]/)) {
    if (/^\d+$/.test(n) && (Number(n) < min || Number(n) > max)) throw new Error(`${what} ${n} is not ${min}-${max}`);
  }
}

/** Quartz-style day-of-month forms the server accepts: L, LW, 15W. */
function specialDayOfMonth(dom) {
  const d = dom.toUpperCase();
  if (d === 'L') return 'on the last day of the month';
  if (d === 'LW') return 'on the last weekday of the month';
  const m = d.match(/^(\d+)W$/);
  return m ? `on the weekday nearest the ${ordinal(Number(m[1]))} of the month` : null;
}

/** Quartz-style day-of-week forms: 5L (last Friday), 2#1 (first Monday). */
function specialDayOfWeek(dow) {
  const d = dow.toUpperCase();
  let m = d.match(/^([0-7]|[A-Z]{3})L$/);
  if (m) return `on the last ${CRON_DAYS[number(m[1], DAY_NAMES)]} of the month`;
  m = d.match(/^([0-7]|[A-Z]{3})#([1-5])$/);
  return m ? `on the ${ordinal(Number(m[2]))} ${CRON_DAYS[number(m[1], DAY_NAMES)]} of the month` : null;
}

/** One cron field in words, or null for "every". naming maps numbers to words. */
function fieldWords(expr, naming, names) {
  if (expr === '*' || expr === '?') return null;
  return list(expr.split(',').map((part) => {
    const [range, stepText] = part.split('/');
    const step = stepText ? number(stepText) : null;
    if (range === '*') return `every ${ordinal(step)}`;
    const [a, b] = range.split('-');
    const from = naming(number(a, names));
    if (b !== undefined) return `${from} through ${naming(number(b, names))}${step ? ` (every ${ordinal(step)})` : ''}`;
    return step ? `every ${ordinal(step)} from ${from}` : from;
  }));
}

/**
 * A five-field Unix cron expression (six with seconds first) in words, e.g. "0 9 * * 1-5" ->
 * "At 09:00, Monday through Friday". Throws for what it cannot read; the server validates for real.
 */
export function describeCron(expression) {
  const fields = String(expression || '').trim().split(/\s+/);
  if (fields.length === 6) fields.shift();
  if (fields.length !== 5 || fields[0] === '') throw new Error('needs five fields: minute hour day-of-month month day-of-week');
  const [min, hour, dom, mon, dow] = fields;
  within(min, 'minute', 0, 59);
  within(hour, 'hour', 0, 23);
  if (!/[LW]/i.test(dom)) within(dom, 'day of month', 1, 31);
  let time;
  if (/^\d+$/.test(min) && /^\d+$/.test(hour)) time = `At ${pad(number(hour))}:${pad(number(min))}`;
  else if (/^\d+$/.test(min) && hour === '*') time = `At minute ${number(min)} of every hour`;
  else if (/^\*\/\d+$/.test(min)) {
    const every = `Every ${min.split('/')[1]} minutes`;
    const hours = fieldWords(hour, (h) => `${pad(h)}:00`);
    time = hours ? `${every}, during hour ${hours}` : every;
  } else if (min === '*') {
    const hours = fieldWords(hour, (h) => `${pad(h)}:00`);
    time = hours ? `Every minute, during hour ${hours}` : 'Every minute';
  } else {
    const minutes = fieldWords(min, String);
    const hours = fieldWords(hour, (h) => pad(h));
    time = `At minute ${minutes} past ${hours ? `hour ${hours}` : 'every hour'}`;
  }
  const parts = [time];
  const specialDom = specialDayOfMonth(dom);
  const days = specialDom ? null : fieldWords(dom, (d) => ordinal(d));
  if (specialDom) parts.push(specialDom);
  if (days) parts.push(`on the ${days} of the month`);
  const specialDow = specialDayOfWeek(dow);
  if (specialDow) parts.push(specialDow);
  const weekdays = specialDow ? null : fieldWords(dow, (d) => {
    if (d > 7) throw new Error(`day of week ${d} is above 7`);
    return CRON_DAYS[d];
  }, DAY_NAMES);
  if (weekdays) parts.push(days || specialDom ? `and on ${weekdays}` : `on ${weekdays}`);
  const months = fieldWords(mon, (m) => {
    if (m < 1 || m > 12) throw new Error(`month ${m} is not 1-12`);
    return MONTHS[m - 1];
  }, MONTH_NAMES);
  if (months) parts.push(`in ${months}`);
  return parts.join(', ');
}

/** A schedule (the API's "schedule" object) in words, without its zone. */
export function describeSchedule(s) {
  if (!s) return '—';
  try {
    switch (s.cadence) {
      case 'daily': return `Daily at ${s.time}${s.business_days ? ' on business days' : ''}`;
      case 'weekly': {
        const d = (Array.isArray(s.day_of_week) ? s.day_of_week : [s.day_of_week]).map((n) => DAYS[n - 1]);
        return `Weekly on ${list(d)} at ${s.time}`;
      }
      case 'monthly': {
        const d = s.day_of_month;
        const day = d === 'last' ? 'the last day' : typeof d === 'number' ? `day ${d}`
          : typeof d === 'string' ? d.replaceAll('_', ' ')
            : d && d.business_day ? `business day ${d.business_day}`
              : d && d.weekday ? `${ordinal(d.ordinal)} ${d.weekday}` : 'a day';
        return `Monthly on ${day} at ${s.time}`;
      }
      case 'cron': return describeCron(s.cron_expression);
      case 'once': return `Once at ${String(s.run_at).replace('T', ' ')}`;
      default: return s.cadence;
    }
  } catch (e) {
    return s.cadence === 'cron' ? `cron ${s.cron_expression}` : String(s.cadence);
  }
}
