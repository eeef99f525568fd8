// Admin: statistics, queue depth, dead letters (filter, retry, resolve with a note, purge).
import { del, get, post, query, REFRESH_MS } from './api.js';
import { badge, changed, confirmDialog, field, fill, h, poller, toast } from './dom.js';
import { duration, inZone, viewerZone } from './time.js';
import { can } from './app.js';

const CATEGORIES = ['NETWORK', 'DATA', 'SYSTEM', 'CONFIGURATION', 'TIMEOUT', 'UNKNOWN'];

export async function adminPage(main, session) {
  if (!can(session, 'admin')) {
    fill(main, h('h1', null, 'Admin'), h('p', { class: 'error', role: 'alert' }, 'Only admins see this page.'));
    return null;
  }
  const stats = h('div', { class: 'stats', 'aria-live': 'polite' });
  const letters = h('div');
  const state = { page: 0 };
  const status = h('select', { name: 'status' }, h('option', { value: 'unresolved' }, 'Unresolved'),
    h('option', { value: 'retried' }, 'Retried'), h('option', { value: 'resolved' }, 'Resolved'), h('option', { value: '' }, 'All'));
  const category = h('select', { name: 'category' }, h('option', { value: '' }, 'All'), CATEGORIES.map((c) => h('option', { value: c.toLowerCase() }, c.toLowerCase())));
  const scheduleId = h('input', { name: 'schedule_id', autocomplete: 'off' });
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const note = h('input', { name: 'note', maxlength: 1000, autocomplete: 'off' });
  const purgeBefore = h('input', { type: 'date', name: 'created_before' });
  const selected = new Set();
  const memo = { stats: {}, letters: {} };

  const filters = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); state.page = 0; loadLetters(); } },
    field('Status', status), field('Category', category), field('Schedule id', scheduleId), field('From (UTC date)', from),
    field('To (UTC date, inclusive)', to), h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Filter')));
  [status, category, from, to].forEach((c) => c.addEventListener('change', () => { state.page = 0; loadLetters(); }));

  const bulk = h('div', { class: 'bulk' },
    h('button', { type: 'button', 'data-action': 'retry', onclick: () => bulkCall('retry') }, 'Retry selected'),
    field('Resolution note', note), h('button', { type: 'button', 'data-action': 'resolve', onclick: () => bulkCall('resolve') }, 'Resolve selected'),
    field('Purge closed ones created before', purgeBefore),
    h('button', { type: 'button', class: 'danger', 'data-action': 'purge', onclick: purge }, 'Purge'));

  fill(main, h('h1', null, 'Admin'), h('h2', null, 'Statistics'), stats, h('h2', null, 'Dead letters'), filters, bulk, letters);

  async function bulkCall(kind) {
    if (!selected.size) { toast('Select dead letters first.', true); return; }
    if (kind === 'resolve' && !note.value.trim()) { toast('Write a resolution note first.', true); note.focus(); return; }
    try {
      const answer = await post(`/dead-letters/${kind}`, kind === 'resolve' ? { ids: [...selected], note: note.value.trim() } : { ids: [...selected] });
      toast(kind === 'retry' ? `${answer.retried} queued again.` : `${answer.resolved} resolved.`);
      selected.clear();
      await Promise.all([loadLetters(), loadStats()]);
    } catch (e) { toast(e.message, true); }
  }

  async function purge() {
    if (!purgeBefore.value) { toast('Pick a date first.', true); purgeBefore.focus(); return; }
    if (!await confirmDialog('Purge closed dead letters?', `Retried and resolved dead letters created before ${purgeBefore.value} (UTC) are deleted for good.`, 'Purge')) return;
    try {
      const answer = await del(`/dead-letters${query({ created_before: purgeBefore.value })}`);
      toast(`${answer.purged} purged.`);
      await loadLetters();
    } catch (e) { toast(e.message, true); }
  }

  async function loadStats() {
    const s = await get('/admin/scheduled-reports/stats');
    if (!changed(memo.stats, s)) return;
    const c = s.counts_by_status;
    const waiting = (c.QUEUED || 0) + (c.RETRYING || 0);
    const busy = (c.RUNNING || 0) + (c.DELIVERING || 0);
    const rate = (r) => (r === null || r === undefined ? '—' : `${Math.round(r * 1000) / 10} %`);
    fill(stats,
      h('div', { class: 'cards' },
        card('Queue depth', waiting, 'queued or waiting to retry', 'queue-depth'),
        card('Running', busy, 'generating or delivering'),
        card('Success, 24 h', rate(s.success_rate_24h)), card('Success, 7 days', rate(s.success_rate_7d)),
        card('Success, 30 days', rate(s.success_rate_30d)), card('Average duration', duration(s.average_duration_ms === null ? null : Math.round(s.average_duration_ms)))),
      h('dl', { class: 'counts' }, Object.entries(c).map(([k, v]) => [h('dt', null, badge(k)), h('dd', null, v)])));
  }

  function card(title, value, hint, test) {
    return h('div', { class: 'card', 'data-test': test || null }, h('div', { class: 'card-title' }, title), h('div', { class: 'card-value' }, value),
      hint ? h('div', { class: 'hint' }, hint) : null);
  }

  async function loadLetters() {
    const p = await get(`/dead-letters${query({ page: state.page, size: 20, status: status.value, category: category.value, schedule_id: scheduleId.value.trim(), from: from.value, to: to.value })}`);
    if (!changed(memo.letters, [p, [...selected]])) return;
    if (!p.items.length) { fill(letters, h('p', { class: 'muted', 'data-test': 'no-dead-letters' }, 'No dead letters match.')); return; }
    const all = h('input', { type: 'checkbox', 'aria-label': 'Select all on this page', checked: p.items.every((d) => selected.has(d.id)) });
    all.addEventListener('change', () => { p.items.forEach((d) => (all.checked ? selected.add(d.id) : selected.delete(d.id))); loadLetters(); });
    fill(letters, h('div', { class: 'scroll' }, h('table', { class: 'dead-letters' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, all), ['Created', 'Kind', 'Category', 'Message', 'Attempts', 'Status', 'Waiting', 'Schedule']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, p.items.map((d) => {
        const box = h('input', { type: 'checkbox', 'aria-label': `Select dead letter ${d.id}`, checked: selected.has(d.id), value: d.id });
        box.addEventListener('change', () => (box.checked ? selected.add(d.id) : selected.delete(d.id)));
        return h('tr', { 'data-dead-letter': d.id, 'data-status': d.status },
          h('td', null, box),
          h('td', { 'data-label': 'Created' }, inZone(d.created_at, viewerZone)),
          h('td', { 'data-label': 'Kind' }, d.kind.toLowerCase()),
          h('td', { 'data-label': 'Category' }, d.error_category.toLowerCase()),
          h('td', { 'data-label': 'Message' }, d.error_message, d.resolution_note ? h('span', { class: 'hint' }, ` (note: ${d.resolution_note})`) : null),
          h('td', { 'data-label': 'Attempts' }, d.attempts),
          h('td', { 'data-label': 'Status' }, badge(d.status)),
          h('td', { 'data-label': 'Waiting' }, d.time_in_queue_ms === null ? '—' : duration(d.time_in_queue_ms)),
          h('td', { 'data-label': 'Schedule' }, h('a', { href: `#/schedules/${encodeURIComponent(d.schedule_id)}` }, 'open')));
      })))),
    h('nav', { class: 'pager', 'aria-label': 'Dead letter pages' },
      h('button', { type: 'button', disabled: state.page === 0, onclick: () => { state.page -= 1; loadLetters(); } }, '← Newer'),
      h('span', null, `Page ${state.page + 1} of ${Math.max(1, p.total_pages)} · ${p.total} dead letter${p.total === 1 ? '' : 's'}`),
      h('button', { type: 'button', disabled: state.page + 1 >= p.total_pages, onclick: () => { state.page += 1; loadLetters(); } }, 'Older →')));
  }

  try {
    await Promise.all([loadStats(), loadLetters()]);
  } catch (e) {
    fill(main, h('h1', null, 'Admin'), h('p', { class: 'error', role: 'alert' }, e.message));
    return null;
  }
  return poller(() => Promise.all([loadStats(), letters.contains(document.activeElement) ? null : loadLetters()]), REFRESH_MS);
}
