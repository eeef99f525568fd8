// The mailbox page's HTML, built from the demo's /demo/mails by a pure function: every value goes through esc(),
// so a subject like <img src=x onerror=alert(1)> shows as text, and only http(s) links become anchors. Also
// loaded by a test under Node.
const esc = v => String(v ?? '').replace(/[&<>"'`]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]);

function mailCards(mails, local) {
  return mails.map(m => `<div class="mail">
      <b>${esc(m.subject)}</b><div class="muted">to ${esc(m.to.join(', '))} at ${esc(local(m.receivedAt))}</div>
      ${m.attachments.length ? `<div>Attachments: ${esc(m.attachments.join(', '))}</div>` : ''}
      ${m.links.filter(l => /^https?:\/\//.test(l)).map(l => `<div><a href="${esc(l)}">download link</a></div>`).join('')}
      <pre>${esc(m.text)}</pre>
    </div>`).join('');
}

if (typeof module !== 'undefined') {
  module.exports = { esc, mailCards };
}
