// One schedule: facts, upcoming runs, history with per-recipient deliveries and downloads, run now,
// pause/resume, edit, delete with confirmation, audit trail.
import { API, ApiError, del, get, post, query, REFRESH_MS } from './api.js';
import { badge, changed, confirmDialog, fill, h, poller, toast } from './dom.js';
import { describeSchedule } from './cron.js';
import { bytes, duration, inZone, viewerZone } from './time.js';
import { runsTable } from './runs.js';
import { can } from './app.js';

export async function detailPage(main, session, id) {
  const path = `/scheduled-reports/${encodeURIComponent(id)}`;
  const head = h('div');
  const facts = h('div');
  const history = h('div', { 'aria-live': 'polite' });
  const audit = h('div');
  const open = new Set();
  let schedule = null;
  let page = 0;
  const memo = { schedule: {}, history: {} };

  fill(main, head, facts, h('h2', null, 'History'), history, h('h2', null, 'Audit trail'), audit);

  async function act(label, call) {
    try {
      await call();
      toast(label);
      await load();
    } catch (e) {
      toast(e instanceof ApiError ? `${e.message}` : String(e), true);
    }
  }

  function renderHead(s) {
    const mayChange = can(session, 'admin') || (can(session, 'creator') && s.owner_id === session.me.user_id);
    const actions = mayChange ? h('div', { class: 'actions', role: 'group', 'aria-label': 'Schedule actions' },
      h('button', { type: 'button', class: 'primary', 'data-action': 'run', onclick: () => act('Run queued.', () => post(`${path}/run`)) }, 'Run now'),
      s.status === 'PAUSED'
        ? h('button', { type: 'button', 'data-action': 'resume', onclick: () => act('Resumed.', () => post(`${path}/resume`)) }, 'Resume')
        : h('button', { type: 'button', 'data-action': 'pause', onclick: () => act('Paused.', () => post(`${path}/pause`)) }, 'Pause'),
      h('a', { class: 'button', href: `#${path}/edit`, 'data-action': 'edit' }, 'Edit'),
      h('button', {
        type: 'button', class: 'danger', 'data-action': 'delete',
        onclick: async () => {
          if (await confirmDialog('Delete this schedule?', `“${s.name}” stops running; its history stays readable to admins.`, 'Delete')) {
            try { await del(path); toast('Deleted.'); window.location.hash = '#/schedules'; } catch (e) { toast(e.message, true); }
          }
        },
      }, 'Delete')) : null;
    fill(head, h('p', null, h('a', { href: '#/schedules' }, '← Schedules')),
      h('div', { class: 'title' }, h('h1', { class: 'name' }, s.name), badge(s.status)), actions);
  }

  function renderFacts(s) {
    const type = session.types.get(s.report_type);
    const dl = h('dl', { class: 'facts' }, [
      ['Report type', type ? type.display_name : s.report_type],
      ['Cadence', `${describeSchedule(s.schedule)} (${s.schedule.timezone})`],
      ['Next run', s.next_run_at ? `${inZone(s.next_run_at, s.schedule.timezone)} · your time ${inZone(s.next_run_at, viewerZone)}` : '—'],
      ['Format', s.output_format.toUpperCase()],
      ['Owner', s.owner_id],
      ['Parameters', Object.entries(s.report_params || {}).map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(', ') : v}`).join('; ') || 'none'],
      ['Recipients', s.recipients.map((r) => `${r.channel}: ${r.destination}`).join('; ') || 'none'],
    ].map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
    fill(facts, dl, h('h2', null, 'Upcoming runs'),
      runsTable((s.upcoming_runs || []).map((utc) => ({ utc })), s.schedule.timezone));
  }

  async function renderHistory() {
    const p = await get(`${path}/executions${query({ page, size: 10 })}`);
    const details = await Promise.all(p.items.filter((e) => open.has(e.id))
      .map((e) => get(`${path}/executions/${encodeURIComponent(e.id)}`).catch(() => null)));
    const byId = new Map(details.filter(Boolean).map((d) => [d.id, d]));
    if (!changed(memo.history, [p, details, [...open], page])) return;
    if (!p.items.length) { fill(history, h('p', { class: 'muted' }, 'No runs yet.')); return; }
    const rows = [];
    for (const e of p.items) {
      const expanded = open.has(e.id);
      const toggle = h('button', {
        type: 'button', class: 'link', 'aria-expanded': String(expanded), 'data-action': 'deliveries',
        onclick: () => { if (open.has(e.id)) open.delete(e.id); else open.add(e.id); renderHistory().catch((x) => toast(x.message, true)); },
      }, expanded ? 'Hide deliveries' : 'Deliveries');
      const download = e.download_url && e.download_url.startsWith(API + '/')
        ? h('a', { class: 'button', href: e.download_url, download: e.file_name || true, 'data-action': 'download' }, `Download ${e.file_name || ''}`)
        : null;
      rows.push(h('tr', { 'data-execution': e.id, 'data-status': e.status },
        h('td', { 'data-label': 'Scheduled for' }, inZone(e.scheduled_for, schedule.schedule.timezone)),
        h('td', { 'data-label': 'Trigger' }, String(e.trigger || '').toLowerCase()),
        h('td', { 'data-label': 'Status' }, badge(e.status), e.error_message ? h('span', { class: 'hint' }, ` ${e.error_message}`) : null),
        h('td', { 'data-label': 'Duration' }, duration(e.duration_ms)),
        h('td', { 'data-label': 'Rows' }, e.row_count ?? '—'),
        h('td', { 'data-label': 'Size' }, bytes(e.file_size_bytes)),
        h('td', { 'data-label': 'File' }, download, ' ', toggle)));
      if (expanded) {
        const d = byId.get(e.id);
        rows.push(h('tr', { class: 'deliveries' }, h('td', { colspan: '7' }, !d || !d.deliveries?.length
          ? h('p', { class: 'muted' }, 'No deliveries.')
          : h('ul', null, d.deliveries.map((x) => h('li', { 'data-delivery': x.id },
            badge(x.status), ` ${x.channel}: ${x.destination} · attempts ${x.attempts}`,
            x.sent_at ? ` · sent ${inZone(x.sent_at, viewerZone)}` : '', x.last_error ? ` · ${x.last_error}` : ''))))));
      }
    }
    fill(history, h('div', { class: 'scroll' }, h('table', { class: 'history' },
      h('thead', null, h('tr', null, ['Scheduled for', 'Trigger', 'Status', 'Duration', 'Rows', 'Size', 'File'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows))),
    h('nav', { class: 'pager', 'aria-label': 'History pages' },
      h('button', { type: 'button', disabled: page === 0, onclick: () => { page -= 1; renderHistory(); } }, '← Newer'),
      h('span', null, `Page ${page + 1} of ${Math.max(1, p.total_pages)}`),
      h('button', { type: 'button', disabled: page + 1 >= p.total_pages, onclick: () => { page += 1; renderHistory(); } }, 'Older →')));
  }

  async function renderAudit() {
    try {
      const p = await get(`/audit-events${query({ entity_id: id, size: 20 })}`);
      const items = p.items || [];
      fill(audit, items.length ? h('ul', { class: 'audit' }, items.map((a) => h('li', null,
        `${inZone(a.occurred_at, viewerZone)} · ${a.actor} · ${a.action}`)))
        : h('p', { class: 'muted' }, 'No audit events.'));
    } catch (e) {
      fill(audit, h('p', { class: 'muted' }, e instanceof ApiError && (e.status === 404 || e.status === 405)
        ? 'This server has no audit endpoint.' : e instanceof ApiError && e.status === 403
          ? 'Only admins read the audit trail.' : `The audit trail did not load: ${e.message}`));
    }
  }

  async function load() {
    schedule = await get(path);
    if (changed(memo.schedule, schedule)) {
      renderHead(schedule);
      renderFacts(schedule);
    }
    await renderHistory();
  }

  try {
    await load();
    await renderAudit();
  } catch (e) {
    fill(main, h('p', null, h('a', { href: '#/schedules' }, '← Schedules')),
      h('p', { class: 'error', role: 'alert' }, e instanceof ApiError && e.status === 404 ? 'This schedule does not exist or is not yours.' : e.message));
    return null;
  }
  return poller(load, REFRESH_MS);
}
