// Schedules: filters (the API's own), pagination, next run in the schedule's zone and the viewer's, last-run badge.
import { get, query, REFRESH_MS } from './api.js';
import { badge, changed, field, fill, h, poller } from './dom.js';
import { describeSchedule } from './cron.js';
import { inZone, viewerZone } from './time.js';
import { can } from './app.js';

const PAGE_SIZE = 20;

export async function schedulesPage(main, session) {
  const admin = can(session, 'admin');
  const state = { page: 0, status: '', type: '', text: '' };
  const status = h('select', { name: 'status' },
    h('option', { value: '' }, 'All'), h('option', { value: 'active' }, 'Active'),
    h('option', { value: 'paused' }, 'Paused'), h('option', { value: 'failing' }, 'Failing (last run failed)'));
  const type = h('select', { name: 'report_type' }, h('option', { value: '' }, 'All types'),
    session.catalog.items.map((t) => h('option', { value: t.id }, t.display_name)));
  const text = h('input', { type: 'search', name: 'q', placeholder: 'Name contains…', autocomplete: 'off' });
  const body = h('div', { 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (e) => { e.preventDefault(); } },
    field('Status', status), field('Report type', type), field('Search', text));
  const onFilter = () => {
    state.page = 0;
    state.status = status.value;
    state.type = type.value;
    state.text = text.value.trim().toLowerCase();
    load();
  };
  status.addEventListener('change', onFilter);
  type.addEventListener('change', onFilter);
  let typing;
  text.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(onFilter, 250); });

  fill(main, h('div', { class: 'title' }, h('h1', null, admin ? 'Schedules of your tenant' : 'Your schedules'),
    can(session, 'creator') ? h('a', { class: 'button primary', href: '#/new' }, 'New schedule') : null),
  filters, body, pager);

  let generation = 0;
  const memo = {};
  async function load() {
    const mine = ++generation;
    const path = admin ? '/admin/scheduled-reports' : '/scheduled-reports';
    try {
      // Filters, text search ("name contains", any case) and "failing" are the API's own (q=, status=failing).
      const page = await get(path + query({
        page: state.page,
        size: PAGE_SIZE,
        status: state.status,
        report_type: state.type,
        q: state.text || undefined,
      }));
      if (mine !== generation) return;
      const items = page.items.map((s) => ({ s, last: s.last_run_status ? { status: s.last_run_status } : null }));
      if (changed(memo, [items, page.total, page.total_pages, state])) render(items, page.total, page.total_pages);
    } catch (e) {
      if (mine === generation) fill(body, h('p', { class: 'error', role: 'alert' }, e.message));
    }
  }

  function render(items, total, pages) {
    if (!items.length) {
      fill(body, h('p', { class: 'muted', 'data-test': 'empty' }, total === 0 && !state.text && !state.status && !state.type
        ? 'No schedules yet.' : 'No schedule matches these filters.'));
    } else {
      fill(body, h('div', { class: 'scroll' }, h('table', { class: 'schedules' },
        h('caption', { class: 'visually-hidden' }, 'Schedules'),
        h('thead', null, h('tr', null, ['Name', 'Report type', 'Cadence', 'Next run (schedule zone)', `Next run (your zone, ${viewerZone})`,
          'Last run', admin ? 'Owner' : null, 'Status'].filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, items.map(({ s, last }) => h('tr', { 'data-id': s.id },
          h('td', { 'data-label': 'Name' }, h('a', { href: `#/schedules/${encodeURIComponent(s.id)}`, class: 'name' }, s.name)),
          h('td', { 'data-label': 'Report type' }, session.types.get(s.report_type)?.display_name || s.report_type),
          h('td', { 'data-label': 'Cadence' }, describeSchedule(s.schedule)),
          h('td', { 'data-label': 'Next run' }, inZone(s.next_run_at, s.schedule.timezone), h('div', { class: 'hint' }, s.schedule.timezone)),
          h('td', { 'data-label': 'Your time' }, inZone(s.next_run_at, viewerZone)),
          h('td', { 'data-label': 'Last run' }, badge(last ? last.status : null)),
          admin ? h('td', { 'data-label': 'Owner' }, s.owner_id) : null,
          h('td', { 'data-label': 'Status' }, badge(s.status))))))));
    }
    const prev = h('button', { type: 'button', disabled: state.page <= 0, onclick: () => { state.page -= 1; load(); } }, '← Previous');
    const next = h('button', { type: 'button', disabled: state.page + 1 >= pages, onclick: () => { state.page += 1; load(); } }, 'Next →');
    fill(pager, prev, h('span', null, `Page ${state.page + 1} of ${Math.max(1, pages)} · ${total} schedule${total === 1 ? '' : 's'}`), next);
  }

  await load();
  return poller(load, REFRESH_MS);
}
