import { html, nothing } from 'lit';

/** A status badge: the phase in words (colour is never the only signal). */
export function badge(phase) {
  const p = phase || 'Unknown';
  return html`<span class="badge badge-${p.toLowerCase()}">${p}</span>`;
}

/** The id of a form field's error line, for aria-describedby. */
export const errorId = (form, field) => `${form}-${field.replace(/[^A-Za-z0-9]/g, '-')}-error`;

/** The error line under a field, when the API named that field in its violations. */
export function fieldError(form, field, violations) {
  const message = violations[field];
  return message ? html`<p class="field-error" id=${errorId(form, field)}>${message}</p>` : nothing;
}

/** Violations the form has no field for, so none is dropped silently. */
export function otherViolations(violations, shown) {
  const rest = Object.entries(violations).filter(([f]) => !shown.includes(f));
  return rest.length ? html`<ul class="error" role="alert">${rest.map(([f, m]) =>
    html`<li><code>${f}</code>: ${m}</li>`)}</ul>` : nothing;
}

/** Opens the <dialog> with this id as a modal (focus moves into it; Escape closes it). */
export function openDialog(root, id) {
  const dialog = root.querySelector('#' + id);
  if (dialog && !dialog.open) dialog.showModal();
}

export function closeDialog(root, id) {
  const dialog = root.querySelector('#' + id);
  if (dialog && dialog.open) dialog.close();
}

export function conditionsTable(conditions) {
  if (!conditions || !conditions.length) return html`<p class="muted">No conditions reported yet.</p>`;
  return html`<table class="compact"><caption class="sr-only">Conditions</caption>
    <thead><tr><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Message</th></tr></thead>
    <tbody>${conditions.map(c => html`<tr><td>${c.type}</td><td>${c.status}</td><td>${c.reason}</td>
      <td class="wrap">${c.message}</td></tr>`)}</tbody></table>`;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}
