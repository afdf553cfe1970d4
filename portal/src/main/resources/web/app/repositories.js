import { LitElement, html, nothing } from 'lit';
import { call, explain, violationsOf, tenantPath, ago } from './api.js';
import { badge, errorId, fieldError, otherViolations, openDialog, closeDialog, conditionsTable, when } from './ui.js';

const PAGE_SIZE = 10;
const POLL_MS = 3000;
const MEDIA_TYPES = [
  'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  'application/vnd.oci.image.layer.v1.tar+gzip',
  'application/vnd.cncf.helm.chart.provenance.v1.prov',
];
const FORM = 'repo';
/** Fields the pane shows, by the API's violation paths. */
const FIELDS = ['name', 'interval', 'url', 'ref.tag', 'ref.semver', 'ref.digest', 'layerSelector.mediaType',
  'layerSelector.operation', 'auth.type', 'auth.username', 'auth.password', 'auth.token', 'auth.dockerconfigjson',
  'insecure', 'caCertificate', 'timeout', 'description'];
const DELETE_NOTE = 'Releases deployed from it are not removed, but they stop reconciling until it is re-added.';

/** The OCI Repository tab: table, filters, paging, Add/Update pane with Test, View, Delete and Sync now. */
class Repositories extends LitElement {
  static properties = {
    tenant: {}, canWrite: {},
    items: { state: true }, nextCursor: { state: true }, page: { state: true }, loaded: { state: true },
    listError: { state: true }, filterName: { state: true }, filterStatus: { state: true },
    pane: { state: true }, violations: { state: true }, testResult: { state: true }, busy: { state: true },
    paneError: { state: true }, stale: { state: true }, authType: { state: true },
    viewing: { state: true }, history: { state: true }, tags: { state: true },
    deleting: { state: true }, menu: { state: true }, notice: { state: true },
  };

  constructor() {
    super();
    this.items = [];
    this.cursors = [null];
    this.page = 0;
    this.loaded = false;
    this.filterName = '';
    this.filterStatus = '';
    this.violations = {};
    this.menu = null;
    this.notice = '';
  }

  createRenderRoot() { return this; }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.closeMenu = e => { if (!e.target.closest('.row-menu')) this.menu = null; };
    document.addEventListener('click', this.closeMenu);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
    document.removeEventListener('click', this.closeMenu);
  }

  willUpdate(changed) {
    if (changed.has('tenant')) {
      this.cursors = [null];
      this.page = 0;
      this.loaded = false;
      this.items = [];
      this.load();
    }
  }

  base() { return tenantPath(this.tenant, 'oci-repositories'); }

  async load() {
    const params = new URLSearchParams({ limit: PAGE_SIZE });
    if (this.filterStatus) params.set('status', this.filterStatus);
    if (this.filterName) params.set('q', this.filterName);
    const cursor = this.cursors[this.page];
    if (cursor) params.set('cursor', cursor);
    const tenant = this.tenant;
    const result = await call('GET', this.base() + '?' + params);
    if (tenant !== this.tenant) return;
    if (result.ok) {
      this.items = result.body.items || [];
      this.nextCursor = result.body.nextCursor || null;
      this.listError = '';
    } else {
      this.listError = result.status === 404
        ? `Tenant ${this.tenant} is not one of yours (or does not exist).` : explain(result);
      this.items = [];
    }
    this.loaded = true;
  }

  async poll() {
    if (document.hidden) return;
    await this.load();
    if (this.viewing) this.refreshView(false);
  }

  setFilters() {
    this.filterName = this.querySelector('#repo-filter-name').value.trim();
    this.filterStatus = this.querySelector('#repo-filter-status').value;
    this.cursors = [null];
    this.page = 0;
    this.load();
  }

  nextPage() {
    this.cursors[this.page + 1] = this.nextCursor;
    this.page += 1;
    this.load();
  }

  previousPage() {
    this.page = Math.max(0, this.page - 1);
    this.load();
  }

  // ---- Add / Update pane -------------------------------------------------------------------------------------

  async openAdd() {
    this.pane = { mode: 'add', model: {} };
    await this.preparePane({});
  }

  async openUpdate(name) {
    this.menu = null;
    const result = await call('GET', this.base() + '/' + encodeURIComponent(name));
    if (!result.ok) {
      this.notice = explain(result);
      return;
    }
    closeDialog(this, 'repo-view');
    this.pane = { mode: 'update', model: result.body, etag: result.etag, version: result.body.version };
    await this.preparePane(result.body);
  }

  async preparePane(model) {
    this.violations = {};
    this.testResult = null;
    this.paneError = '';
    this.stale = null;
    this.authType = (model.auth && model.auth.type) || 'none';
    await this.updateComplete;
    this.querySelector('#repo-form').reset();
    openDialog(this, 'repo-pane');
    this.querySelector(this.pane.mode === 'add' ? '#repo-name' : '#repo-interval').focus();
  }

  /** The request body the form describes; secrets left empty on update are left out, so they are kept. */
  formBody() {
    const f = new FormData(this.querySelector('#repo-form'));
    const text = k => (f.get(k) || '').toString().trim();
    const body = {
      name: this.pane.mode === 'update' ? this.pane.model.name : text('name'),
      url: text('url'),
      interval: text('interval'),
      layerSelector: { mediaType: text('mediaType'), operation: text('operation') },
      insecure: f.get('insecure') === 'on',
      suspend: f.get('suspend') === 'on',
    };
    const ref = {};
    for (const k of ['tag', 'semver', 'digest']) if (text(k)) ref[k] = text(k);
    if (Object.keys(ref).length) body.ref = ref;
    const auth = { type: text('authType') || 'none' };
    if (auth.type === 'basic') {
      auth.username = text('username');
      if (text('password')) auth.password = f.get('password').toString();
    } else if (auth.type === 'bearer') {
      if (text('token')) auth.token = text('token');
    } else if (auth.type === 'dockerconfigjson') {
      if (text('dockerconfigjson')) auth.dockerconfigjson = text('dockerconfigjson');
    }
    body.auth = auth;
    if (text('caCertificate')) body.caCertificate = f.get('caCertificate').toString();
    if (text('timeout')) body.timeout = text('timeout');
    if (text('description')) body.description = text('description');
    if (this.pane.mode === 'update') {
      if (this.pane.model.labels) body.labels = this.pane.model.labels;
      body.version = this.pane.version;
    }
    return body;
  }

  async test() {
    this.busy = 'test';
    this.testResult = null;
    const body = this.formBody();
    delete body.version;
    const result = await call('POST', this.base() + ':test', { body });
    this.busy = null;
    if (result.status === 422) {
      this.violations = violationsOf(result);
      this.testResult = { ok: false, text: 'Fix the highlighted fields, then test again.' };
      this.focusFirstError();
    } else if (result.ok) {
      this.violations = {};
      const r = result.body;
      const chart = r.artifact && r.artifact.chart;
      this.testResult = r.ok
        ? { ok: true, text: `Test passed: a sync would store ${r.artifact.revision}`
            + (chart ? ` (chart ${chart.name} ${chart.version})` : '') + '.' }
        : { ok: false, text: `Test failed: ${r.reason}${r.message ? ' — ' + r.message : ''}` };
    } else {
      this.testResult = { ok: false, text: explain(result) };
    }
  }

  async save(e) {
    e.preventDefault();
    this.busy = 'save';
    this.paneError = '';
    const body = this.formBody();
    const update = this.pane.mode === 'update';
    const result = update
      ? await call('PUT', this.base() + '/' + encodeURIComponent(body.name), { body, ifMatch: `"${this.pane.version}"` })
      : await call('POST', this.base(), { body });
    this.busy = null;
    if (result.ok) {
      closeDialog(this, 'repo-pane');
      this.pane = null;
      this.notice = `${update ? 'Saved' : 'Created'} ${body.name}. It syncs within seconds; its status updates here.`;
      this.load();
      return;
    }
    if (result.status === 422) {
      this.violations = violationsOf(result);
      this.paneError = 'Some fields are not valid: see the messages beside them.';
      this.focusFirstError();
    } else if (update && (result.status === 412 || result.status === 409)) {
      await this.explainStale();
    } else {
      this.violations = result.status === 409 ? { name: explain(result) } : {};
      this.paneError = explain(result);
    }
  }

  /** Someone saved in between: keep the user's edits in the form, show what changed, let them save again. */
  async explainStale() {
    const name = this.pane.model.name;
    const latest = await call('GET', this.base() + '/' + encodeURIComponent(name));
    if (!latest.ok) {
      this.paneError = `${name} could not be saved: it changed or was deleted meanwhile (${explain(latest)}).`;
      return;
    }
    const before = this.pane.model;
    const now = latest.body;
    const changed = [];
    const show = v => (v === undefined || v === null || v === '' ? '(empty)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    for (const k of ['url', 'interval', 'ref', 'layerSelector', 'auth', 'insecure', 'caCertificate', 'timeout',
      'suspend', 'description']) {
      if (JSON.stringify(before[k]) !== JSON.stringify(now[k])) changed.push(`${k}: ${show(before[k])} → ${show(now[k])}`);
    }
    this.stale = { version: now.version, changed };
    this.pane = { ...this.pane, model: now, version: now.version, etag: latest.etag };
    await this.updateComplete;
    this.querySelector('#repo-stale').focus();
  }

  focusFirstError() {
    this.updateComplete.then(() => {
      const first = FIELDS.find(f => this.violations[f]);
      const input = first && this.querySelector(`[aria-describedby~="${errorId(FORM, first)}"]`);
      if (input) input.focus();
    });
  }

  // ---- Row actions -------------------------------------------------------------------------------------------

  async syncNow(name) {
    this.menu = null;
    const result = await call('POST', this.base() + '/' + encodeURIComponent(name) + '/sync');
    this.notice = result.ok ? `Sync of ${name} requested.` : explain(result);
    this.load();
  }

  async openView(name) {
    this.menu = null;
    this.viewing = { name };
    this.history = null;
    this.tags = null;
    await this.refreshView(true);
    openDialog(this, 'repo-view');
  }

  async refreshView(withTags) {
    const name = this.viewing.name;
    const path = this.base() + '/' + encodeURIComponent(name);
    const [repo, history] = await Promise.all([call('GET', path), call('GET', path + '/history?limit=20')]);
    if (!this.viewing || this.viewing.name !== name) return;
    this.viewing = repo.ok ? repo.body : { name, error: explain(repo) };
    this.history = history.ok ? history.body.items || [] : [];
    if (withTags) {
      this.tags = { loading: true };
      const tags = await call('GET', path + '/tags');
      this.tags = tags.ok ? { list: tags.body.tags || [] } : { error: explain(tags) };
    }
  }

  askDelete(name) {
    this.menu = null;
    closeDialog(this, 'repo-view');
    this.deleting = name;
    this.updateComplete.then(() => openDialog(this, 'repo-delete'));
  }

  async confirmDelete() {
    const name = this.deleting;
    this.busy = 'delete';
    const result = await call('DELETE', this.base() + '/' + encodeURIComponent(name));
    this.busy = null;
    closeDialog(this, 'repo-delete');
    this.deleting = null;
    this.notice = result.ok ? `Deleted ${name}.` : explain(result);
    this.load();
  }

  // ---- Rendering ---------------------------------------------------------------------------------------------

  render() {
    return html`
      <section aria-labelledby="repo-heading">
        <div class="toolbar">
          <h2 id="repo-heading">OCI Repository</h2>
          <form class="filters" role="search" @submit=${e => { e.preventDefault(); this.setFilters(); }}>
            <label>Name <input id="repo-filter-name" type="search" placeholder="starts with…"
              aria-label="Filter by name" @change=${() => this.setFilters()}></label>
            <label>Status <select id="repo-filter-status" aria-label="Filter by status" @change=${() => this.setFilters()}>
              <option value="">All</option>
              ${['Pending', 'Ready', 'Failed', 'Suspended'].map(s => html`<option>${s}</option>`)}
            </select></label>
          </form>
          ${this.canWrite ? html`<button class="primary" @click=${() => this.openAdd()}>Add</button>` : nothing}
        </div>
        <p class="notice" role="status" aria-live="polite">${this.notice}</p>
        ${this.listError ? html`<p class="error" role="alert">${this.listError}</p>` : nothing}
        ${this.renderTable()}
      </section>
      ${this.renderPane()}
      ${this.renderView()}
      ${this.renderDelete()}`;
  }

  renderTable() {
    if (!this.loaded) return html`<p class="muted" aria-busy="true">Loading…</p>`;
    if (!this.items.length && !this.listError) {
      const filtered = this.filterName || this.filterStatus;
      return html`<div class="empty">
        ${filtered ? html`<p>No repository matches these filters.</p>` : html`
          <p><strong>No OCI repositories in ${this.tenant} yet.</strong></p>
          <p>${this.canWrite
            ? html`An OCI repository tells Helmdeck where a Helm chart lives, for example
                <code>oci://registry-1.docker.io/bitnamicharts/nginx</code>. Choose <strong>Add</strong>, give it a name
                and the URL, <strong>Test</strong> it and <strong>Create</strong> it; then deploy it from the Release tab.`
            : 'Your token is read-only: ask someone with write access to add one.'}</p>`}
      </div>`;
    }
    return html`
      <div class="table-wrap">
      <table class="list">
        <caption class="sr-only">OCI repositories of ${this.tenant}</caption>
        <thead><tr>
          <th scope="col">Name</th><th scope="col">URL</th><th scope="col">Ref</th><th scope="col">Interval</th>
          <th scope="col">Status</th><th scope="col">Artifact revision</th><th scope="col">Last sync</th>
          <th scope="col">Next sync</th><th scope="col"><span class="sr-only">Actions</span></th>
        </tr></thead>
        <tbody>${this.items.map(r => this.renderRow(r))}</tbody>
      </table></div>
      <nav class="pager" aria-label="Pages">
        <button ?disabled=${this.page === 0} @click=${() => this.previousPage()}>Previous page</button>
        <span>Page ${this.page + 1}</span>
        <button ?disabled=${!this.nextCursor} @click=${() => this.nextPage()}>Next page</button>
      </nav>`;
  }

  renderRow(r) {
    const status = r.status || {};
    const ref = r.ref || {};
    const refText = ref.digest ? ref.digest.slice(0, 19) + '…' : ref.semver ? 'semver ' + ref.semver : 'tag ' + (ref.tag || 'latest');
    const ready = (status.conditions || []).find(c => c.type === 'Ready');
    return html`<tr data-name=${r.name}>
      <th scope="row"><button class="link" @click=${() => this.openView(r.name)}>${r.name}</button></th>
      <td class="url">${r.url}</td>
      <td>${refText}</td>
      <td>${r.interval}</td>
      <td title=${ready && ready.message ? ready.message : ''}>${badge(status.phase)}</td>
      <td class="mono" title=${status.artifact ? status.artifact.revision : ''}>${status.artifact
        ? status.artifact.revision.replace(/(sha256:[0-9a-f]{12})[0-9a-f]+/, '$1…') : '—'}</td>
      <td>${ago(status.lastSyncAt)}</td>
      <td>${r.suspend ? 'suspended' : ago(status.nextSyncAt)}</td>
      <td class="actions">
        ${this.canWrite ? html`<button @click=${() => this.syncNow(r.name)} aria-label="Sync ${r.name} now">Sync now</button>` : nothing}
        <span class="row-menu">
          <button aria-haspopup="menu" aria-expanded=${this.menu === r.name ? 'true' : 'false'}
            aria-label="Actions for ${r.name}" @click=${() => { this.menu = this.menu === r.name ? null : r.name; }}>⋮</button>
          ${this.menu === r.name ? html`<ul role="menu" aria-label="Actions for ${r.name}" @keydown=${e => this.menuKeys(e)}>
            <li role="none"><button role="menuitem" @click=${() => this.openView(r.name)}>View</button></li>
            ${this.canWrite ? html`
              <li role="none"><button role="menuitem" @click=${() => this.openUpdate(r.name)}>Update</button></li>
              <li role="none"><button role="menuitem" @click=${() => this.askDelete(r.name)}>Delete</button></li>` : nothing}
          </ul>` : nothing}
        </span>
      </td>
    </tr>`;
  }

  menuKeys(e) {
    const items = [...e.currentTarget.querySelectorAll('[role=menuitem]')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown') { items[(i + 1) % items.length].focus(); e.preventDefault(); }
    if (e.key === 'ArrowUp') { items[(i - 1 + items.length) % items.length].focus(); e.preventDefault(); }
    if (e.key === 'Escape') { this.menu = null; }
  }

  updated() {
    const menu = this.querySelector('.row-menu [role=menu]');
    if (menu && !menu.contains(document.activeElement) && this.menuJustOpened !== this.menu) {
      this.menuJustOpened = this.menu;
      menu.querySelector('[role=menuitem]').focus();
    }
    if (!this.menu) this.menuJustOpened = null;
  }

  input(field, label, { name, type = 'text', placeholder = '', value = '', required = false, help = '', disabled = false } = {}) {
    const id = 'repo-' + (name || field).replace(/[^A-Za-z0-9]/g, '-');
    const error = this.violations[field];
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${name || field} type=${type} placeholder=${placeholder} value=${value ?? ''}
        ?required=${required} ?disabled=${disabled} aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${errorId(FORM, field)} ${id}-help" autocomplete="off" spellcheck="false">
      ${help ? html`<p class="help" id="${id}-help">${help}</p>` : nothing}
      ${fieldError(FORM, field, this.violations)}
    </div>`;
  }

  select(field, label, name, options, selected, onChange) {
    const id = 'repo-' + name;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${name} aria-describedby=${errorId(FORM, field)} aria-invalid=${this.violations[field] ? 'true' : 'false'}
        @change=${onChange || (() => {})}>
        ${options.map(o => html`<option value=${o} ?selected=${o === selected}>${o}</option>`)}
      </select>
      ${fieldError(FORM, field, this.violations)}
    </div>`;
  }

  renderPane() {
    const pane = this.pane || { mode: 'add', model: {} };
    const m = pane.model;
    const ref = m.ref || {};
    const layer = m.layerSelector || {};
    const auth = m.auth || {};
    const update = pane.mode === 'update';
    const secretHelp = auth.secretSet ? 'A secret is stored (never shown). Leave empty to keep it.' : '';
    return html`<dialog id="repo-pane" class="pane" aria-labelledby="repo-pane-title"
        @close=${() => { this.pane = null; }}>
      <form id="repo-form" @submit=${e => this.save(e)} novalidate>
        <header><h3 id="repo-pane-title">${update ? `Update ${m.name}` : 'Add OCI repository'}</h3>
          <button type="button" class="close" aria-label="Close" @click=${() => closeDialog(this, 'repo-pane')}>×</button></header>
        ${this.stale ? html`<div id="repo-stale" class="warning" role="alert" tabindex="-1">
          <p><strong>Someone else saved ${m.name} after you opened it</strong> (it is now version ${this.stale.version}).
          Your edits are still in the form and were not saved. What changed meanwhile:</p>
          <ul>${this.stale.changed.length ? this.stale.changed.map(c => html`<li>${c}</li>`) : html`<li>status only</li>`}</ul>
          <p>Check your edits against these, then choose Save again to store yours over them.</p></div>` : nothing}
        <div class="grid">
          ${this.input('name', 'Name', { required: true, value: m.name, disabled: update, placeholder: 'nginx',
            help: 'Lowercase letters, digits and -, unique in the tenant' })}
          ${this.input('interval', 'Interval (MM:SS)', { value: m.interval || '05:00', placeholder: '05:00' })}
          ${this.input('url', 'Repository URL', { required: true, value: m.url, placeholder: 'oci://registry-1.docker.io/bitnamicharts/nginx' })}
          ${this.input('ref.tag', 'Tag', { name: 'tag', value: ref.tag, placeholder: '18.9.0' })}
          ${this.input('ref.semver', 'Semver range (instead of a tag)', { name: 'semver', value: ref.semver, placeholder: '>=18.0.0 <19.0.0' })}
          ${this.input('ref.digest', 'Digest (instead of a tag)', { name: 'digest', value: ref.digest, placeholder: 'sha256:…',
            help: 'Precedence: digest, then semver range, then tag (latest when none is given)' })}
          ${this.select('layerSelector.mediaType', 'Media Type', 'mediaType', MEDIA_TYPES, layer.mediaType || MEDIA_TYPES[0])}
          ${this.select('layerSelector.operation', 'Operation', 'operation', ['extract', 'copy'], layer.operation || 'extract')}
          ${this.select('auth.type', 'Credentials', 'authType', ['none', 'basic', 'bearer', 'dockerconfigjson'],
            this.authType, e => { this.authType = e.target.value; })}
          ${this.authType === 'basic' ? html`
            ${this.input('auth.username', 'User name', { name: 'username', value: auth.username })}
            ${this.input('auth.password', 'Password', { name: 'password', type: 'password', help: secretHelp })}` : nothing}
          ${this.authType === 'bearer' ? this.input('auth.token', 'Token', { name: 'token', type: 'password', help: secretHelp }) : nothing}
          ${this.authType === 'dockerconfigjson' ? html`<div class="field wide">
            <label for="repo-dockerconfigjson">Docker config JSON</label>
            <textarea id="repo-dockerconfigjson" name="dockerconfigjson" rows="3" spellcheck="false"
              aria-describedby="${errorId(FORM, 'auth.dockerconfigjson')} repo-dockerconfigjson-help"></textarea>
            ${secretHelp ? html`<p class="help" id="repo-dockerconfigjson-help">${secretHelp}</p>` : nothing}
            ${fieldError(FORM, 'auth.dockerconfigjson', this.violations)}</div>` : nothing}
          ${this.input('timeout', 'Timeout', { value: m.timeout || '60s', placeholder: '60s' })}
          <div class="field checks">
            <label><input type="checkbox" name="insecure" ?checked=${!!m.insecure}
              aria-describedby=${errorId(FORM, 'insecure')}> Insecure (plain HTTP)</label>
            ${update ? html`<label><input type="checkbox" name="suspend" ?checked=${!!m.suspend}> Suspend syncs</label>` : nothing}
            ${fieldError(FORM, 'insecure', this.violations)}
          </div>
          <div class="field wide">
            <label for="repo-caCertificate">CA certificate (PEM)</label>
            <textarea id="repo-caCertificate" name="caCertificate" rows="3" spellcheck="false"
              .defaultValue=${m.caCertificate || ''} placeholder="-----BEGIN CERTIFICATE-----"
              aria-describedby=${errorId(FORM, 'caCertificate')}></textarea>
            ${fieldError(FORM, 'caCertificate', this.violations)}
          </div>
          ${this.input('description', 'Description', { value: m.description })}
        </div>
        ${otherViolations(this.violations, FIELDS)}
        ${this.paneError ? html`<p class="error" role="alert">${this.paneError}</p>` : nothing}
        <p class="test-result ${this.testResult ? (this.testResult.ok ? 'ok' : 'failed') : ''}" role="status"
          aria-live="polite">${this.busy === 'test' ? 'Testing… (a sync worker resolves and downloads the chart)'
            : this.testResult ? this.testResult.text : ''}</p>
        <footer>
          <button type="button" @click=${() => this.test()} ?disabled=${!!this.busy}>Test</button>
          <button type="submit" class="primary" ?disabled=${!!this.busy}>${update ? 'Save' : 'Create'}</button>
          <button type="button" @click=${() => closeDialog(this, 'repo-pane')}>Cancel</button>
        </footer>
      </form>
    </dialog>`;
  }

  renderView() {
    const r = this.viewing || {};
    const status = r.status || {};
    const artifact = status.artifact || {};
    const chart = artifact.chart;
    return html`<dialog id="repo-view" class="pane" aria-labelledby="repo-view-title" @close=${() => { this.viewing = null; }}>
      <header><h3 id="repo-view-title">${r.name}</h3>
        <button type="button" class="close" aria-label="Close" @click=${() => closeDialog(this, 'repo-view')}>×</button></header>
      ${r.error ? html`<p class="error" role="alert">${r.error}</p>` : !r.url ? html`<p aria-busy="true">Loading…</p>` : html`
      <p>${badge(status.phase)} ${status.consecutiveFailures ? html`<span class="muted">${status.consecutiveFailures} failed syncs in a row</span>` : nothing}</p>
      ${this.canWrite ? html`<p class="buttons">
        <button @click=${() => this.syncNow(r.name)}>Sync now</button>
        <button @click=${() => this.openUpdate(r.name)}>Update</button>
        <button @click=${() => this.askDelete(r.name)}>Delete</button></p>` : nothing}
      <section aria-labelledby="rv-chart"><h4 id="rv-chart">Chart</h4>
        ${chart ? html`<div class="chart">
          ${chart.icon ? html`<img src=${chart.icon} alt="Icon of ${chart.name}" width="48" height="48" referrerpolicy="no-referrer">` : nothing}
          <dl>
            <dt>Name</dt><dd>${chart.name}</dd>
            <dt>Version</dt><dd>${chart.version}</dd>
            <dt>App version</dt><dd>${chart.appVersion || '—'}</dd>
            <dt>Description</dt><dd>${chart.description || '—'}</dd>
            <dt>Dependencies</dt><dd>${chart.dependencies && chart.dependencies.length
              ? html`<ul>${chart.dependencies.map(d => html`<li>${d.name} ${d.version} <span class="muted">${d.repository}</span></li>`)}</ul>` : 'none'}</dd>
            <dt>Revision</dt><dd class="mono">${artifact.revision}</dd>
          </dl></div>` : html`<p class="muted">No chart stored yet: it appears after the first successful sync.</p>`}
      </section>
      <section aria-labelledby="rv-config"><h4 id="rv-config">Configuration</h4>
        <dl class="config">
          <dt>URL</dt><dd class="mono">${r.url}</dd>
          <dt>Reference</dt><dd>${JSON.stringify(r.ref || {})}</dd>
          <dt>Interval</dt><dd>${r.interval}</dd>
          <dt>Media type</dt><dd>${r.layerSelector && r.layerSelector.mediaType}</dd>
          <dt>Operation</dt><dd>${r.layerSelector && r.layerSelector.operation}</dd>
          <dt>Credentials</dt><dd>${r.auth ? r.auth.type + (r.auth.secretSet ? ' (secret set)' : '') : 'none'}</dd>
          <dt>Insecure</dt><dd>${r.insecure ? 'yes' : 'no'}</dd>
          <dt>Timeout</dt><dd>${r.timeout}</dd>
          <dt>Suspended</dt><dd>${r.suspend ? 'yes' : 'no'}</dd>
          <dt>Last sync</dt><dd>${when(status.lastSyncAt)}</dd>
          <dt>Next sync</dt><dd>${when(status.nextSyncAt)}</dd>
        </dl>
      </section>
      <section aria-labelledby="rv-conditions"><h4 id="rv-conditions">Conditions</h4>${conditionsTable(status.conditions)}</section>
      <section aria-labelledby="rv-tags"><h4 id="rv-tags">Available tags (newest first)</h4>
        ${!this.tags || this.tags.loading ? html`<p aria-busy="true">Reading tags from the registry…</p>`
          : this.tags.error ? html`<p class="error">${this.tags.error}</p>`
          : this.tags.list.length ? html`<ol class="tags" aria-label="Tags">${this.tags.list.map(t => html`<li>${t}</li>`)}</ol>`
          : html`<p class="muted">The registry lists no tags.</p>`}
      </section>
      <section aria-labelledby="rv-history"><h4 id="rv-history">Sync history</h4>
        ${this.history && this.history.length ? html`<table class="compact"><caption class="sr-only">Sync history</caption>
          <thead><tr><th scope="col">Finished</th><th scope="col">Outcome</th><th scope="col">Revision</th><th scope="col">Reason</th></tr></thead>
          <tbody>${this.history.map(h => html`<tr><td>${when(h.finishedAt)}</td><td>${h.outcome}</td>
            <td class="mono">${h.revision || '—'}</td><td class="wrap">${h.reason || ''} ${h.message || ''}</td></tr>`)}</tbody></table>`
          : html`<p class="muted">No syncs recorded yet.</p>`}
      </section>`}
    </dialog>`;
  }

  renderDelete() {
    return html`<dialog id="repo-delete" role="alertdialog" aria-labelledby="repo-delete-title"
        aria-describedby="repo-delete-note" @close=${() => { this.deleting = null; }}>
      <h3 id="repo-delete-title">Delete OCI repository ${this.deleting}?</h3>
      <p id="repo-delete-note">${DELETE_NOTE}</p>
      <footer>
        <button class="danger" ?disabled=${this.busy === 'delete'} @click=${() => this.confirmDelete()}>Delete</button>
        <button autofocus @click=${() => closeDialog(this, 'repo-delete')}>Cancel</button>
      </footer>
    </dialog>`;
  }
}

customElements.define('hd-repositories', Repositories);
