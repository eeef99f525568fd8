// DOM helpers. Data only ever reaches the page as text nodes or attribute values, never as HTML.

/**
 * Creates an element. attrs: "class", "on<event>" listeners, booleans (true sets, false/null leaves out), other
 * values via setAttribute. Children: nodes, or anything else as text.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A unique element id for label/for pairs. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: label, control, hint and an error slot tied together with ids. */
export function field(labelText, control, { hint, errorKey } = {}) {
  if (!control.id) control.id = uid('f');
  const error = h('p', { class: 'error', id: `${control.id}-error`, 'data-error-for': errorKey || null, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hintEl, error);
}

/** A status badge; the class is derived from a fixed list, the text is data. */
export function badge(status) {
  const s = String(status || 'NONE').toUpperCase();
  const kind = ['SUCCEEDED', 'SENT', 'ACTIVE', 'RESOLVED', 'RETRIED'].includes(s) ? 'ok'
    : ['FAILED', 'DEAD', 'UNRESOLVED', 'EXPIRED'].includes(s) ? 'bad'
      : ['PARTIALLY_DELIVERED', 'PAUSED', 'SKIPPED', 'CANCELLED', 'RETRYING'].includes(s) ? 'warn'
        : s === 'NONE' ? 'none' : 'busy';
  return h('span', { class: `badge ${kind}`, 'data-status': s }, s === 'NONE' ? 'never run' : s.replaceAll('_', ' ').toLowerCase());
}

/** Shows a short message in the live region. */
export function toast(message, isError = false) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.toggle('bad', isError);
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 6000);
}

/** Asks for confirmation in a modal dialog; resolves true when confirmed. Escape cancels. */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: 'danger', 'data-test': 'confirm' }, confirmLabel);
    const no = h('button', { type: 'button' }, 'Cancel');
    const titleId = uid('dlg');
    const dialog = h('dialog', { 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), h('p', null, text),
      h('div', { class: 'actions' }, no, yes));
    const done = (v) => { dialog.close(); dialog.remove(); resolve(v); };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/**
 * Calls work every intervalMs while the page is visible and no dialog is open, never twice at once: on a slow
 * server a refresh is skipped rather than piled up behind (or racing) the previous one. Returns the stop function.
 */
export function poller(work, intervalMs) {
  let running = false;
  const timer = setInterval(async () => {
    if (running || document.hidden || document.querySelector('dialog[open]')) return;
    running = true;
    try { await work(); } catch { /* the next round tries again; pages show their own errors */ } finally { running = false; }
  }, intervalMs);
  return () => clearInterval(timer);
}

/**
 * Whether data differs from what memo last saw (and remembers it). Polling pages re-render only on change, so
 * focus, open menus and clicks in progress survive a refresh that brought nothing new.
 */
export function changed(memo, data) {
  const key = JSON.stringify(data);
  if (memo.last === key) return false;
  memo.last = key;
  return true;
}
