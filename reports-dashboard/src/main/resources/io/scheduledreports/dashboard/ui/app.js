// Hash router and session: who is calling (GET /me) and what may be scheduled (GET /report-types).
import { get, ApiError } from './api.js';
import { fill, h } from './dom.js';
import { schedulesPage } from './schedules.js';
import { wizardPage } from './wizard.js';
import { detailPage } from './detail.js';
import { adminPage } from './admin.js';

const main = document.getElementById('main');
let cleanup = null;
let session = null;

const routes = [
  [/^#\/schedules\/([^/]+)\/edit$/, (m) => wizardPage(main, session, decodeURIComponent(m[1]))],
  [/^#\/schedules\/([^/]+)$/, (m) => detailPage(main, session, decodeURIComponent(m[1]))],
  [/^#\/new$/, () => wizardPage(main, session, null)],
  [/^#\/admin$/, () => adminPage(main, session)],
  [/^(#\/schedules|#\/?|)$/, () => schedulesPage(main, session)],
];

export function can(s, role) {
  const roles = s.me.roles;
  if (roles.includes('admin')) return true;
  if (role === 'creator') return roles.includes('creator');
  return role === 'viewer' && (roles.includes('creator') || roles.includes('viewer'));
}

async function route() {
  if (cleanup) { cleanup(); cleanup = null; }
  const hash = window.location.hash;
  for (const [pattern, page] of routes) {
    const m = hash.match(pattern);
    if (m) {
      document.querySelectorAll('[data-nav]').forEach((a) => a.removeAttribute('aria-current'));
      const nav = hash.startsWith('#/admin') ? 'admin' : hash.startsWith('#/new') ? 'new' : 'schedules';
      document.querySelector(`[data-nav="${nav}"]`)?.setAttribute('aria-current', 'page');
      cleanup = (await page(m)) || null;
      if (!main.contains(document.activeElement)) main.focus({ preventScroll: true });
      return;
    }
  }
  fill(main, h('h1', null, 'Not found'), h('p', null, h('a', { href: '#/schedules' }, 'Back to the schedules')));
}

async function start() {
  try {
    const [me, catalog] = await Promise.all([get('/me'), get('/report-types')]);
    session = { me, catalog, types: new Map(catalog.items.map((t) => [t.id, t])) };
  } catch (e) {
    const text = e instanceof ApiError && e.status === 401 ? 'You are not signed in.'
      : e instanceof ApiError && e.status === 403 ? `You may not use Scheduled Reports: ${e.message}`
        : `The Scheduled Reports API did not answer: ${e.message}`;
    fill(main, h('h1', null, 'Scheduled Reports'), h('p', { class: 'error', role: 'alert' }, text));
    return;
  }
  fill(document.getElementById('who'), `${session.me.user_id} · ${session.me.tenant_id} · ${session.me.roles.join(', ')}`);
  document.querySelectorAll('[data-needs]').forEach((el) => { el.hidden = !can(session, el.dataset.needs); });
  window.addEventListener('hashchange', route);
  route();
}

start();
