// The mailbox page's HTML, built from the demo's /demo/mails by a pure function: every value goes through esc(),
// so a subject like <img src=x onerror=alert(1)> shows as text, and only http(s) links become anchors. Also
// loaded by a test under Node.
const esc = v => String(v ?? '').replace(/[&<>"'`]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]);

function mailCards(mails, local) {
  return mails.map(m => `<div class="mail">
      <b>${esc(m.subject)}</b><div class="muted">to ${esc(m.to.join(', '))} at ${esc(local(m.receivedAt))}</div>
      ${m.attachments.length ? `<div>Attachments: ${esc(m.attachments.join(', '))}</div>` : ''}
      ${m.links.filter(l => /^https?:\/\//.test(l)).map(l => `<div><a href="${esc(l)}">download link</a></div>`).join('')}
      ${m.unsubscribe && /^https?:\/\//.test(m.unsubscribe) ? `<div><a href="${esc(m.unsubscribe)}" target="_blank">unsubscribe (List-Unsubscribe)</a></div>` : ''}
      <pre>${esc(m.text)}</pre>
    </div>`).join('');
}

if (typeof module !== 'undefined') {
  module.exports = { esc, mailCards };
}

// A schedule preview (POST /scheduled-reports/preview) or the warnings of a create: next runs in the schedule's
// zone and in UTC, warnings, and the report's first rows. Every value goes through esc().
function warningsHtml(warnings) {
  if (!warnings || !warnings.length) return '';
  return '<ul class="warnings">' + warnings.map(w =>
    `<li><b>${esc(w.code)}</b> ${esc(w.message)} <span class="muted">(${esc(w.field)})</span></li>`).join('') + '</ul>';
}

function previewHtml(p) {
  const runs = p.next_runs.map(r => `<li>${esc(r.local)} <span class="muted">${esc(r.utc)}</span></li>`).join('');
  let sample = '<p class="muted">No sample: see the warnings.</p>';
  if (p.sample) {
    const head = p.sample.columns.map(c => `<th>${esc(c.name)}</th>`).join('');
    const rows = p.sample.rows.map(r => '<tr>' + r.map(v => `<td>${esc(v)}</td>`).join('') + '</tr>').join('');
    sample = `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`
      + (p.sample.truncated ? '<p class="muted">First 20 rows; the report has more.</p>' : '');
  }
  return `<p>Next runs in ${esc(p.time_zone)}:</p><ul>${runs}</ul>${warningsHtml(p.warnings)}${sample}`;
}
