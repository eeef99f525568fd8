// The demo page's HTML, built from API data by pure functions: every value from the server goes through esc(),
// so a schedule named <img src=x onerror=alert(1)> shows as text. Buttons carry data-* attributes (no inline
// script with data in it); index.html handles their clicks. Also loaded by a test under Node.
const esc = v => String(v ?? '').replace(/[&<>"'`]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]);

function describe(s) {
  const c = s.schedule;
  switch (c.cadence) {
    case 'daily': return `daily ${c.time} ${c.timezone}`;
    case 'weekly': return `weekly on day ${c.day_of_week} ${c.time} ${c.timezone}`;
    case 'monthly': return `monthly on ${c.day_of_month} ${c.time} ${c.timezone}`;
    case 'cron': return `cron "${c.cron_expression}" ${c.timezone}`;
    default: return `once ${c.run_at} ${c.timezone}`;
  }
}

function scheduleRows(items, local) {
  return items.map(s => `
      <tr>
        <td>${esc(s.name)}<div class="muted">${esc(s.recipients.map(r => r.destination).join(', '))}</div></td>
        <td>${esc(s.report_type)}<div class="muted">${esc(s.output_format)} ${esc(JSON.stringify(s.report_params))}</div></td>
        <td>${esc(describe(s))}</td>
        <td>${s.upcoming_runs.slice(0, 3).map(t => esc(local(t))).join('<br>')}</td>
        <td class="status ${esc(s.status)}">${esc(s.status)}</td>
        <td>
          <button data-id="${esc(s.id)}" data-action="run">Run now</button>
          <button data-id="${esc(s.id)}" data-action="${s.is_active ? 'pause' : 'resume'}">${s.is_active ? 'Pause' : 'Resume'}</button>
          <button data-id="${esc(s.id)}" data-action="history" data-name="${esc(s.name)}">History</button>
          <button data-id="${esc(s.id)}" data-action="delete">Delete</button>
        </td>
      </tr>`).join('');
}

function historyRow(e, detail, local) {
  return `<tr>
        <td>${esc(local(e.scheduled_for))}</td><td>${esc(e.trigger)}</td>
        <td class="status ${esc(e.status)}">${esc(e.status)}${e.error_message ? `<div class="muted">${esc(e.error_message)}</div>` : ''}</td>
        <td>${esc(e.row_count ?? '')}</td>
        <td>${e.download_url ? `<a href="#" data-download="${esc(e.download_url)}" data-file="${esc(e.file_name)}">${esc(e.file_name)}</a> <span class="muted">${esc(e.file_size_bytes)} B</span>` : ''}</td>
        <td>${detail.deliveries.map(d => `<span class="${esc(d.status)}">${esc(d.destination)}: ${esc(d.status)}</span>`).join('<br>')}</td>
      </tr>`;
}

function mailCards(mails, local) {
  return mails.map(m => `<div class="mail">
      <b>${esc(m.subject)}</b><div class="muted">to ${esc(m.to.join(', '))} at ${esc(local(m.receivedAt))}</div>
      ${m.attachments.length ? `<div>Attachments: ${esc(m.attachments.join(', '))}</div>` : ''}
      ${m.links.filter(l => /^https?:\/\//.test(l)).map(l => `<div><a href="${esc(l)}">download link</a></div>`).join('')}
      ${m.unsubscribe && /^https?:\/\//.test(m.unsubscribe) ? `<div><a href="${esc(m.unsubscribe)}" target="_blank">unsubscribe (List-Unsubscribe)</a></div>` : ''}
      <pre>${esc(m.text)}</pre>
    </div>`).join('');
}

function optionList(values) {
  return values.map(v => `<option value="${esc(v.value)}">${esc(v.label)}</option>`).join('');
}

if (typeof module !== 'undefined') {
  module.exports = { esc, describe, scheduleRows, historyRow, mailCards, optionList };
}
