// Create / edit a schedule: report type, generated parameter form, cadence builder, time zone, upcoming runs
// preview (POST /scheduled-reports/preview), recipients, format; server-side errors next to their fields.
import { ApiError, get, post, put } from './api.js';
import { field, fill, h, toast } from './dom.js';
import { DAYS, describeCron } from './cron.js';
import { viewerZone, zones } from './time.js';
import { runsTable } from './runs.js';
import { can } from './app.js';

const DATE_RANGES = ['today', 'yesterday', 'last_7_days', 'last_30_days', 'this_week', 'last_week', 'week_to_date',
  'this_month', 'last_month', 'month_to_date', 'this_quarter', 'last_quarter', 'this_year', 'last_year'];

export async function wizardPage(main, session, id) {
  if (!can(session, 'creator')) {
    fill(main, h('h1', null, 'Schedules'), h('p', { class: 'error', role: 'alert' }, 'Your role may not create or change schedules.'));
    return null;
  }
  const existing = id ? await get(`/scheduled-reports/${encodeURIComponent(id)}`) : null;
  const { catalog } = session;
  const errors = h('div', { class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });

  // 1. Report
  const name = h('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
  const type = h('select', { name: 'report_type', required: true },
    catalog.items.length ? null : h('option', { value: '' }, 'No report types registered'),
    catalog.items.map((t) => h('option', { value: t.id }, t.display_name)));
  const params = h('div', { class: 'params' });
  let paramControls = [];

  function renderParams(values) {
    const t = session.types.get(type.value);
    paramControls = [];
    if (!t || !t.parameters.length) { fill(params, h('p', { class: 'muted' }, 'This report has no parameters.')); return; }
    fill(params, t.parameters.map((p) => {
      const key = `report_params.${p.name}`;
      const v = values ? values[p.name] : undefined;
      let control;
      if (p.kind === 'boolean') {
        control = h('input', { type: 'checkbox', name: key, checked: v === true });
      } else if (p.allowed_values.length) {
        control = h('select', { name: key, required: p.required },
          p.required ? null : h('option', { value: '' }, '(none)'),
          p.allowed_values.map((a) => h('option', { value: a, selected: v === a }, a)));
      } else if (p.kind === 'integer' || p.kind === 'number') {
        control = h('input', { type: 'number', name: key, step: p.kind === 'integer' ? '1' : 'any', required: p.required, value: v ?? '' });
      } else if (p.kind === 'date_range') {
        const listId = `ranges-${p.name}`;
        control = h('input', { name: key, list: listId, required: p.required, value: v ?? (p.required ? 'last_7_days' : ''), autocomplete: 'off' });
        params.append(h('datalist', { id: listId }, DATE_RANGES.map((r) => h('option', { value: r }))));
      } else if (p.kind === 'string_list') {
        control = h('input', { name: key, required: p.required, value: Array.isArray(v) ? v.join(', ') : '' });
      } else {
        control = h('input', { name: key, required: p.required, value: v ?? '' });
      }
      paramControls.push({ p, control });
      const hint = [p.description, p.kind === 'string_list' ? 'Comma-separated.' : null,
        p.kind === 'date_range' ? 'A window such as last_7_days, last_month or 2026-01-01..2026-01-31.' : null]
        .filter(Boolean).join(' ');
      return field(`${p.name}${p.required ? ' (required)' : ''}`, control, { hint, errorKey: key });
    }));
  }

  function paramValues() {
    const out = {};
    for (const { p, control } of paramControls) {
      if (p.kind === 'boolean') { if (control.checked || p.required) out[p.name] = control.checked; continue; }
      const raw = control.value.trim();
      if (raw === '') continue;
      if (p.kind === 'integer' || p.kind === 'number') out[p.name] = Number(raw);
      else if (p.kind === 'string_list') out[p.name] = raw.split(',').map((x) => x.trim()).filter(Boolean);
      else out[p.name] = raw;
    }
    return out;
  }

  // 2. Cadence
  const cadence = h('select', { name: 'schedule.cadence' }, ['daily', 'weekly', 'monthly', 'cron']
    .map((c) => h('option', { value: c }, c[0].toUpperCase() + c.slice(1))));
  const time = h('input', { type: 'time', name: 'schedule.time', value: '09:00', required: true });
  const weekdays = DAYS.map((d, i) => h('input', { type: 'checkbox', name: 'schedule.day_of_week', value: String(i + 1), id: `dow-${i + 1}`, checked: i === 0 }));
  const weekdayBox = h('fieldset', { class: 'days' }, h('legend', null, 'Days of the week'),
    weekdays.map((c, i) => h('label', { for: c.id, class: 'check' }, c, DAYS[i].slice(0, 3))),
    h('p', { class: 'error', 'data-error-for': 'schedule.day_of_week', hidden: true }));
  const dayOfMonth = h('input', { name: 'schedule.day_of_month', value: '1', inputmode: 'numeric', autocomplete: 'off' });
  const cron = h('input', { name: 'schedule.cron_expression', value: '0 9 * * 1-5', autocomplete: 'off', spellcheck: 'false' });
  const cronWords = h('p', { class: 'cron-words', 'aria-live': 'polite' });
  const zone = h('select', { name: 'schedule.timezone' }, zones().map((z) => h('option', { value: z, selected: z === viewerZone }, z)));
  const timeField = field('Time (in the time zone below)', time, { errorKey: 'schedule.time' });
  const domField = field('Day of the month', dayOfMonth, { hint: '1-31 (29-31 run on the last day of shorter months) or "last".', errorKey: 'schedule.day_of_month' });
  const cronField = field('Cron expression', cron, { hint: 'Five fields: minute hour day-of-month month day-of-week.', errorKey: 'schedule.cron_expression' });
  cronField.append(cronWords);

  function showCadence() {
    const c = cadence.value;
    timeField.hidden = c === 'cron';
    weekdayBox.hidden = c !== 'weekly';
    domField.hidden = c !== 'monthly';
    cronField.hidden = c !== 'cron';
    try { cronWords.textContent = describeCron(cron.value); cronWords.classList.remove('bad'); } catch (e) {
      cronWords.textContent = `Cannot read this expression: ${e.message}`; cronWords.classList.add('bad');
    }
  }

  function scheduleValue() {
    const s = { cadence: cadence.value, timezone: zone.value };
    if (s.cadence === 'cron') s.cron_expression = cron.value.trim();
    else s.time = time.value;
    if (s.cadence === 'weekly') {
      const days = weekdays.filter((c) => c.checked).map((c) => Number(c.value));
      s.day_of_week = days.length === 1 ? days[0] : days;
    }
    if (s.cadence === 'monthly') {
      const d = dayOfMonth.value.trim();
      s.day_of_month = /^\d+$/.test(d) ? Number(d) : d;
    }
    return s;
  }

  // 3. Delivery
  const format = h('select', { name: 'output_format' }, catalog.output_formats.map((f) => h('option', { value: f }, f.toUpperCase())));
  const emptyPolicy = h('select', { name: 'empty_report_policy' },
    [['ALWAYS', 'Always deliver'], ['NOT_EMPTY', 'Only when it has rows'], ['CHANGED', 'Only when it changed']]
      .map(([v, t]) => h('option', { value: v }, t)));
  const locale = h('input', { name: 'locale', value: navigator.language || 'en-US', maxlength: 35, autocomplete: 'off' });
  const recipients = h('div', { class: 'recipients' });
  const recipientRows = [];

  function addRecipient(r) {
    const index = recipientRows.length;
    const channel = h('select', { name: `recipients[${index}].channel` }, catalog.channels.map((c) => h('option', { value: c, selected: r?.channel === c }, c)));
    const destination = h('input', { name: `recipients[${index}].destination`, value: r?.destination || '', autocomplete: 'off' });
    const row = h('div', { class: 'recipient' },
      field(`Recipient ${index + 1} channel`, channel, { errorKey: `recipients[${index}].channel` }),
      field(`Recipient ${index + 1} destination`, destination, { errorKey: `recipients[${index}].destination` }));
    const entry = { channel, destination, row, id: r?.id, options: r?.options };
    const remove = h('button', { type: 'button', class: 'link', onclick: () => { entry.removed = true; row.remove(); } },
      `Remove recipient ${index + 1}`);
    row.append(remove);
    recipientRows.push(entry);
    recipients.append(row);
    return destination;
  }

  // 4. Preview
  const preview = h('div', { class: 'preview', 'aria-live': 'polite', 'data-test': 'preview' }, h('p', { class: 'muted' }, 'Fill in the cadence to see the next runs.'));
  let previewTimer;
  let previewGeneration = 0;
  let previewMissing = false;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(runPreview, 300);
  }
  async function runPreview() {
    if (previewMissing) return;
    const mine = ++previewGeneration;
    try {
      const answer = await post('/scheduled-reports/preview', body());
      if (mine !== previewGeneration) return;
      fill(preview, runsTable(answer.next_runs, answer.time_zone),
        (answer.warnings || []).map((w) => h('p', { class: 'warning', 'data-field': w.field || null }, w.message)),
        answer.sample ? sampleTable(answer.sample) : null);
      showErrors([], true, 'schedule');
    } catch (e) {
      if (mine !== previewGeneration) return;
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        previewMissing = true;
        fill(preview, h('p', { class: 'muted' }, 'This server has no preview; the upcoming runs are shown on the schedule after saving.'));
      } else if (e instanceof ApiError && e.status === 400) {
        fill(preview, h('p', { class: 'muted' }, 'The preview needs a valid schedule (see the messages above).'));
        showErrors(e.errors.filter((x) => String(x.field || '').startsWith('schedule')), true, 'schedule');
      } else {
        fill(preview, h('p', { class: 'error' }, e.message));
      }
    }
  }

  function body() {
    const b = {
      name: name.value.trim(),
      report_type: type.value,
      report_params: paramValues(),
      output_format: format.value,
      schedule: scheduleValue(),
      recipients: recipientRows.filter((r) => !r.removed && r.destination.value.trim() !== '')
        .map((r) => ({ channel: r.channel.value, destination: r.destination.value.trim(), ...(r.options && Object.keys(r.options).length ? { options: r.options } : {}) })),
      empty_report_policy: emptyPolicy.value,
      locale: locale.value.trim() || undefined,
    };
    if (existing) b.version = existing.version;
    return b;
  }

  // Server-side errors next to their fields: exact field, else the closest enclosing one, else the summary.
  // quiet: no summary (the preview's own errors); scope: only slots whose field starts with it are reset.
  function showErrors(list, quiet = false, scope = '') {
    const slots = [...main.querySelectorAll('[data-error-for]')];
    for (const slot of slots.filter((s) => s.dataset.errorFor.startsWith(scope))) {
      slot.hidden = true;
      slot.textContent = '';
      slot.parentElement.querySelector('[aria-invalid]')?.removeAttribute('aria-invalid');
    }
    const unplaced = [];
    for (const err of list) {
      let key = String(err.field || '');
      let slot = null;
      while (key && !(slot = slots.find((s) => s.dataset.errorFor === key))) {
        key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : key.includes('[') ? key.slice(0, key.indexOf('[')) : '';
      }
      if (slot) {
        slot.textContent = slot.textContent ? `${slot.textContent} ${err.message}` : err.message;
        slot.hidden = false;
        const control = slot.parentElement.querySelector('input, select, textarea');
        control?.setAttribute('aria-invalid', 'true');
      } else unplaced.push(err.field ? `${err.field}: ${err.message}` : err.message);
    }
    if (quiet) return;
    errors.hidden = list.length === 0;
    fill(errors, list.length ? h('p', null, 'The schedule was not saved:') : null,
      unplaced.length ? h('ul', null, unplaced.map((u) => h('li', null, u))) : null);
  }

  const save = h('button', { type: 'submit', class: 'primary' }, existing ? 'Save changes' : 'Create schedule');
  const form = h('form', { class: 'wizard', novalidate: true },
    errors,
    h('section', null, h('h2', null, '1. Report'), field('Name', name, { errorKey: 'name' }),
      field('Report type', type, { errorKey: 'report_type' }), h('div', { 'data-error-for': 'report_params', class: 'error', hidden: true }), params),
    h('section', null, h('h2', null, '2. When'), field('Cadence', cadence, { errorKey: 'schedule.cadence' }), timeField, weekdayBox, domField, cronField,
      field('Time zone', zone, { hint: `Your browser's zone is ${viewerZone}.`, errorKey: 'schedule.timezone' }),
      h('p', { class: 'error', 'data-error-for': 'schedule', hidden: true }),
      h('h3', null, 'Upcoming runs'), preview),
    h('section', null, h('h2', null, '3. Delivery'), field('Format', format, { errorKey: 'output_format' }),
      field('Empty report', emptyPolicy, { errorKey: 'empty_report_policy' }),
      field('Locale', locale, { hint: 'Numbers and dates in the file, e.g. en-US, de-DE.', errorKey: 'locale' }),
      h('h3', null, 'Recipients'), h('p', { class: 'error', 'data-error-for': 'recipients', hidden: true }), recipients,
      h('button', { type: 'button', onclick: () => addRecipient().focus() }, 'Add recipient')),
    h('div', { class: 'actions' }, h('a', { href: existing ? `#/schedules/${encodeURIComponent(existing.id)}` : '#/schedules' }, 'Cancel'), save));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      const saved = existing
        ? await put(`/scheduled-reports/${encodeURIComponent(existing.id)}`, body())
        : await post('/scheduled-reports', body());
      toast(existing ? 'Saved.' : 'Schedule created.');
      window.location.hash = `#/schedules/${encodeURIComponent(saved.id)}`;
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) showErrors(err.errors);
      else showErrors([{ field: '', message: err.message }]);
      errors.focus();
    } finally {
      save.disabled = false;
    }
  });
  form.addEventListener('input', () => { showCadence(); schedulePreview(); });
  form.addEventListener('change', () => { showCadence(); schedulePreview(); });
  type.addEventListener('change', () => renderParams(null));

  fill(main, h('h1', null, existing ? `Edit “${existing.name}”` : 'New schedule'), form);

  if (existing) {
    name.value = existing.name;
    type.value = existing.report_type;
    format.value = existing.output_format;
    emptyPolicy.value = existing.empty_report_policy;
    locale.value = existing.locale || '';
    const s = existing.schedule;
    cadence.value = ['daily', 'weekly', 'monthly', 'cron'].includes(s.cadence) ? s.cadence : 'daily';
    if (s.time) time.value = s.time;
    zone.value = s.timezone;
    if (s.cadence === 'weekly') {
      const days = Array.isArray(s.day_of_week) ? s.day_of_week : [s.day_of_week];
      weekdays.forEach((c) => { c.checked = days.includes(Number(c.value)); });
    }
    if (s.day_of_month !== undefined) dayOfMonth.value = typeof s.day_of_month === 'object' ? JSON.stringify(s.day_of_month) : s.day_of_month;
    if (s.cron_expression) cron.value = s.cron_expression;
    renderParams(existing.report_params);
    existing.recipients.forEach((r) => addRecipient(r));
  } else {
    renderParams(null);
    addRecipient(null);
  }
  if (!existing && catalog.output_formats.includes('csv')) format.value = 'csv';
  showCadence();
  runPreview();
  name.focus();
  return () => clearTimeout(previewTimer);
}

function sampleTable(sample) {
  return h('details', { class: 'sample' }, h('summary', null, `Sample rows${sample.truncated ? ' (first rows only)' : ''}`),
    h('div', { class: 'scroll' }, h('table', null,
      h('thead', null, h('tr', null, sample.columns.map((c) => h('th', { scope: 'col' }, c.name)))),
      h('tbody', null, sample.rows.map((r) => h('tr', null, r.map((v) => h('td', null, v === null ? '' : String(v)))))))));
}
