import { LitElement, html, nothing } from 'lit';
import { call, explain, violationsOf, tenantPath, ago, valuesToYaml, session } from './api.js';
import { badge, errorId, fieldError, otherViolations, openDialog, closeDialog, conditionsTable, when } from './ui.js';

const PAGE_SIZE = 10;
const POLL_MS = 2500;
const FORM = 'rel';
const FIELDS = ['name', 'sourceType', 'sourceName', 'targetNamespace', 'values', 'interval', 'timeout',
  'install.createNamespace', 'install.remediation.retries', 'upgrade.remediation.retries', 'upgrade.remediation.strategy'];
const PHASES = ['Pending', 'Deployed', 'Failed', 'SourceNotReady', 'SourceNotFound', 'ClusterUnavailable', 'Suspended', 'Uninstalling'];

/** The Release tab: table, Deploy/Upgrade pane with a checked values editor, View with history and actions. */
class Releases extends LitElement {
  static properties = {
    tenant: {}, canWrite: {},
    items: { state: true }, nextCursor: { state: true }, page: { state: true }, loaded: { state: true },
    listError: { state: true }, filterName: { state: true }, filterPhase: { state: true },
    pane: { state: true }, sources: { state: true }, violations: { state: true }, valuesCheck: { state: true },
    paneError: { state: true }, busy: { state: true }, stale: { state: true },
    viewing: { state: true }, history: { state: true }, revisionText: { state: true }, diff: { state: true },
    uninstalling: { state: true }, notice: { state: true }, pending: { state: true },
  };

  constructor() {
    super();
    this.items = [];
    this.cursors = [null];
    this.page = 0;
    this.loaded = false;
    this.filterName = '';
    this.filterPhase = '';
    this.violations = {};
    this.sources = [];
    this.notice = '';
  }

  createRenderRoot() { return this; }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  willUpdate(changed) {
    if (changed.has('tenant')) {
      this.following = null;
      this.cursors = [null];
      this.page = 0;
      this.loaded = false;
      this.items = [];
      this.load();
    }
  }

  base() { return tenantPath(this.tenant, 'helm-releases'); }
  path(name) { return this.base() + '/' + encodeURIComponent(name); }

  async load() {
    const params = new URLSearchParams({ limit: PAGE_SIZE });
    if (this.filterPhase) params.set('phase', this.filterPhase);
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
    if (this.viewing && this.viewing.name) await this.refreshView();
    if (this.following) await this.follow();
  }

  /** Says in the notice where the release last deployed or upgraded here stands, until that action ends. */
  async follow() {
    const f = this.following;
    const result = await call('GET', this.path(f.name));
    if (this.following !== f) return;
    if (!result.ok) { this.following = null; return; }
    const s = result.body.status || {};
    const ready = (s.conditions || []).find(c => c.type === 'Ready');
    const message = ready && ready.message ? ready.message : '';
    const verb = f.upgrade ? 'upgraded' : 'deployed';
    if (s.phase === 'Deployed' && s.currentRevision !== undefined && s.currentRevision !== f.revision) {
      this.notice = `${f.name} ${verb}: revision ${s.currentRevision} is ready.`;
      this.following = null;
    } else if (s.phase === 'Failed') {
      this.notice = `${f.name} was not ${verb}${message ? `: ${message}` : '.'}`;
      this.following = null;
    } else if (message) {
      this.notice = `${f.upgrade ? 'Upgrading' : 'Deploying'} ${f.name} (${s.phase || 'Pending'}): ${message}`;
    }
  }

  setFilters() {
    this.filterName = this.querySelector('#rel-filter-name').value.trim();
    this.filterPhase = this.querySelector('#rel-filter-phase').value;
    this.cursors = [null];
    this.page = 0;
    this.load();
  }

  // ---- Deploy / Upgrade pane ---------------------------------------------------------------------------------

  async loadSources() {
    const result = await call('GET', tenantPath(this.tenant, 'oci-repositories') + '?limit=500');
    this.sources = result.ok ? (result.body.items || []).map(r => ({ name: r.name, phase: r.status && r.status.phase })) : [];
  }

  async openDeploy() {
    await this.loadSources();
    this.pane = { mode: 'deploy', model: {} };
    await this.preparePane();
    const source = this.querySelector('#rel-sourceName').value;
    if (source) this.checkValues();
  }

  async openUpgrade(name) {
    const result = await call('GET', this.path(name));
    if (!result.ok) { this.notice = explain(result); return; }
    closeDialog(this, 'rel-view');
    this.sources = [{ name: result.body.sourceName }];
    this.pane = { mode: 'upgrade', model: result.body, version: result.body.version };
    await this.preparePane();
    this.checkValues();
  }

  async preparePane() {
    this.violations = {};
    this.valuesCheck = null;
    this.paneError = '';
    this.stale = null;
    await this.updateComplete;
    this.querySelector('#rel-form').reset();
    openDialog(this, 'rel-pane');
    this.querySelector(this.pane.mode === 'deploy' ? '#rel-sourceName' : '#rel-values').focus();
  }

  currentSource() {
    return this.pane && this.pane.mode === 'upgrade' ? this.pane.model.sourceName : this.querySelector('#rel-sourceName').value;
  }

  /** Checks the editor's YAML against the chart's values.schema.json; resolves to the parsed values or null. */
  async checkValues() {
    const source = this.currentSource();
    const yaml = this.querySelector('#rel-values').value;
    if (!source) {
      this.valuesCheck = { text: 'Choose a source first.' };
      return null;
    }
    const seq = (this.checkSeq = (this.checkSeq || 0) + 1);
    this.valuesCheck = { ...(this.valuesCheck || {}), checking: true };
    const s = session();
    let answer;
    try {
      const response = await fetch(`/portal/v1/tenants/${encodeURIComponent(this.tenant)}/charts/${encodeURIComponent(source)}/values-check`,
        { method: 'POST', headers: { 'Content-Type': 'application/yaml', Authorization: 'Bearer ' + s.token }, body: yaml });
      answer = { ok: response.ok, body: await response.json() };
    } catch (e) {
      answer = { ok: false, body: { title: String(e) } };
    }
    if (seq !== this.checkSeq) return null;
    if (!answer.ok) {
      this.valuesCheck = { text: 'Values could not be checked: ' + explain(answer), error: true };
      return null;
    }
    const b = answer.body;
    const scope = !b.stored ? `${source} has no chart yet, so only the YAML is checked.`
      : b.hasSchema ? `Checked against the chart's values.schema.json.` : `The chart has no values.schema.json: only the YAML is checked.`;
    this.valuesCheck = { scope, violations: b.violations, ok: !b.violations.length };
    return b.violations.length ? null : b.values;
  }

  onValuesInput() {
    clearTimeout(this.valuesTimer);
    this.valuesTimer = setTimeout(() => this.checkValues(), 400);
  }

  async loadDefaults() {
    const source = this.currentSource();
    if (!source) return;
    const s = session();
    const response = await fetch(`/portal/v1/tenants/${encodeURIComponent(this.tenant)}/charts/${encodeURIComponent(source)}`,
      { headers: { Authorization: 'Bearer ' + s.token } });
    const body = await response.json();
    if (!response.ok || !body.stored) {
      this.valuesCheck = { text: response.ok ? `${source} has no chart yet.` : explain({ body }), error: true };
      return;
    }
    this.querySelector('#rel-values').value = body.values;
    this.checkValues();
  }

  async save(e) {
    e.preventDefault();
    this.busy = 'save';
    this.paneError = '';
    const values = await this.checkValues();
    if (values === null) {
      this.busy = null;
      this.violations = { values: 'Fix the values first (see the check below the editor).' };
      this.querySelector('#rel-values').focus();
      return;
    }
    const f = new FormData(this.querySelector('#rel-form'));
    const text = k => (f.get(k) || '').toString().trim();
    const upgrade = this.pane.mode === 'upgrade';
    const m = this.pane.model;
    const number = k => (text(k) === '' ? undefined : Number(text(k)));
    const body = {
      name: upgrade ? m.name : text('name'),
      sourceType: upgrade ? m.sourceType : text('sourceType'),
      sourceName: upgrade ? m.sourceName : text('sourceName'),
      values,
      interval: text('interval'),
      timeout: text('timeout'),
      // Namespace and createNamespace are fixed once installed (their inputs are disabled, so not in the form).
      install: { createNamespace: upgrade ? !!(m.install && m.install.createNamespace) : f.get('createNamespace') === 'on',
        remediation: { retries: number('installRetries') } },
      upgrade: { remediation: { retries: number('upgradeRetries'), strategy: text('strategy') } },
    };
    if (upgrade) body.targetNamespace = m.targetNamespace;
    else if (text('targetNamespace')) body.targetNamespace = text('targetNamespace');
    if (upgrade) {
      for (const k of ['releaseName', 'maxHistory', 'suspend', 'description', 'labels']) if (m[k] !== undefined) body[k] = m[k];
      body.version = this.pane.version;
    }
    const result = upgrade
      ? await call('PUT', this.path(body.name), { body, ifMatch: `"${this.pane.version}"` })
      : await call('POST', this.base(), { body });
    this.busy = null;
    if (result.ok) {
      closeDialog(this, 'rel-pane');
      this.pane = null;
      this.notice = upgrade ? `Upgrading ${body.name}: the new revision appears when it is applied.`
        : `Deploying ${body.name}: it installs within seconds once its source is Ready.`;
      // The notice follows the release until the action ends, so it never says "Deploying" of a release that
      // is already Deployed (or failed).
      this.following = { name: body.name, upgrade, revision: upgrade && m.status ? m.status.currentRevision : undefined };
      this.load();
      return;
    }
    if (result.status === 422) {
      this.violations = violationsOf(result);
      this.paneError = 'Some fields are not valid: see the messages beside them.';
    } else if (upgrade && (result.status === 412 || result.status === 409)) {
      const latest = await call('GET', this.path(m.name));
      if (latest.ok) {
        this.stale = { version: latest.body.version, changed: JSON.stringify(m.values) !== JSON.stringify(latest.body.values) };
        this.pane = { ...this.pane, model: latest.body, version: latest.body.version };
      } else {
        this.paneError = explain(latest);
      }
    } else {
      this.violations = result.status === 409 ? { name: explain(result) } : {};
      this.paneError = explain(result);
    }
  }

  // ---- View and actions --------------------------------------------------------------------------------------

  async openView(name) {
    this.viewing = { name };
    this.history = null;
    this.revisionText = null;
    this.diff = null;
    await this.refreshView();
    openDialog(this, 'rel-view');
  }

  async refreshView() {
    const name = this.viewing.name;
    const [release, history] = await Promise.all([call('GET', this.path(name)), call('GET', this.path(name) + '/history')]);
    if (!this.viewing || this.viewing.name !== name) return;
    if (release.status === 404 && this.viewing.status) {
      this.viewing = { name, gone: true };
      this.pending = null;
      return;
    }
    this.viewing = release.ok ? release.body : { name, error: explain(release) };
    this.history = history.ok ? history.body.items || [] : [];
    if (this.pending && release.ok && this.pending.done(release.body)) this.pending = null;
  }

  async act(name, method, suffix, body, pendingText, done) {
    const result = await call(method, this.path(name) + suffix, body === undefined ? {} : { body });
    if (result.ok) {
      this.pending = pendingText ? { text: pendingText, done } : null;
      this.notice = pendingText || 'Done.';
    } else {
      this.notice = explain(result);
    }
    await this.poll();
  }

  reconcile(r) {
    const since = r.status && r.status.lastReconcileAt;
    this.act(r.name, 'POST', '/reconcile', undefined, `Reconciling ${r.name}…`,
      now => now.status && now.status.lastReconcileAt !== since);
  }

  rollback(r, revision) {
    const current = r.status && r.status.currentRevision;
    this.act(r.name, 'POST', '/rollback', { revision }, `Rolling ${r.name} back to revision ${revision}…`,
      now => now.status && now.status.currentRevision !== current);
  }

  async setSuspend(r, suspend) {
    const result = await call('PATCH', this.path(r.name), { body: { suspend }, contentType: 'application/merge-patch+json',
      ifMatch: `"${r.version}"` });
    this.notice = result.ok ? `${r.name} ${suspend ? 'suspended' : 'resumed'}.`
      : result.status === 412 ? `${r.name} changed meanwhile; the view is refreshed, try again.` : explain(result);
    await this.poll();
  }

  async showRevision(r, revision, what) {
    this.revisionText = { revision, what, text: 'Loading…' };
    const result = await call('GET', this.path(r.name) + `/${what}?revision=${revision}`, what === 'manifest'
      ? { raw: true, accept: 'application/yaml, application/problem+json' } : {});
    let text;
    if (!result.ok) text = explain(result);
    else if (what === 'values') {
      const v = typeof result.body === 'object' && result.body && result.body.values !== undefined ? result.body.values : result.body;
      text = valuesToYaml(typeof v === 'object' ? v : {}) || '# no values: the chart defaults';
    } else {
      text = result.body || '# this revision rendered no objects';
    }
    this.revisionText = { revision, what, text };
  }

  async showDiff(r) {
    this.diff = { loading: true };
    const result = await call('GET', this.path(r.name) + '/diff');
    this.diff = result.ok ? result.body : { error: explain(result) };
  }

  askUninstall(name) {
    closeDialog(this, 'rel-view');
    this.uninstalling = name;
    this.updateComplete.then(() => openDialog(this, 'rel-uninstall'));
  }

  async confirmUninstall() {
    const name = this.uninstalling;
    this.busy = 'uninstall';
    const result = await call('DELETE', this.path(name));
    this.busy = null;
    closeDialog(this, 'rel-uninstall');
    this.uninstalling = null;
    this.notice = result.ok ? (result.status === 202 ? `Uninstalling ${name}: it disappears once its objects are deleted.`
      : `Uninstalled ${name}.`) : explain(result);
    this.load();
  }

  // ---- Rendering ---------------------------------------------------------------------------------------------

  render() {
    return html`
      <section aria-labelledby="rel-heading">
        <div class="toolbar">
          <h2 id="rel-heading">Release</h2>
          <form class="filters" role="search" @submit=${e => { e.preventDefault(); this.setFilters(); }}>
            <label>Name <input id="rel-filter-name" type="search" placeholder="starts with…" aria-label="Filter by name"
              @change=${() => this.setFilters()}></label>
            <label>Status <select id="rel-filter-phase" aria-label="Filter by status" @change=${() => this.setFilters()}>
              <option value="">All</option>${PHASES.map(p => html`<option>${p}</option>`)}</select></label>
          </form>
          ${this.canWrite ? html`<button class="primary" @click=${() => this.openDeploy()}>Deploy</button>` : nothing}
        </div>
        <p class="notice" role="status" aria-live="polite">${this.notice}</p>
        ${this.listError ? html`<p class="error" role="alert">${this.listError}</p>` : nothing}
        ${this.renderTable()}
      </section>
      ${this.renderPane()}
      ${this.renderView()}
      ${this.renderUninstall()}`;
  }

  renderTable() {
    if (!this.loaded) return html`<p class="muted" aria-busy="true">Loading…</p>`;
    if (!this.items.length && !this.listError) {
      return html`<div class="empty">${this.filterName || this.filterPhase ? html`<p>No release matches these filters.</p>` : html`
        <p><strong>No releases in ${this.tenant} yet.</strong></p>
        <p>${this.canWrite ? html`A release deploys the chart of one of your OCI repositories into a namespace. Add a
          repository on the OCI Repository tab first, then choose <strong>Deploy</strong> here.`
          : 'Your token is read-only: ask someone with write access to deploy one.'}</p>`}</div>`;
    }
    return html`<div class="table-wrap"><table class="list">
      <caption class="sr-only">Helm releases of ${this.tenant}</caption>
      <thead><tr><th scope="col">Name</th><th scope="col">Source</th><th scope="col">Namespace</th><th scope="col">Status</th>
        <th scope="col">Revision</th><th scope="col">Chart version</th><th scope="col">Last reconcile</th>
        <th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${this.items.map(r => {
        const s = r.status || {};
        const ready = (s.conditions || []).find(c => c.type === 'Ready');
        return html`<tr data-name=${r.name}>
          <th scope="row"><button class="link" @click=${() => this.openView(r.name)}>${r.name}</button></th>
          <td>${r.sourceType}/${r.sourceName}</td>
          <td>${r.targetNamespace}</td>
          <td title=${ready && ready.message ? ready.message : ''}>${badge(s.phase)}</td>
          <td>${s.currentRevision ?? '—'}</td>
          <td>${s.lastAppliedRevision ? s.lastAppliedRevision.split('@')[0] : '—'}</td>
          <td>${ago(s.lastReconcileAt)}</td>
          <td class="actions"><button @click=${() => this.openView(r.name)} aria-label="View ${r.name}">View</button>
            ${this.canWrite ? html`<button @click=${() => this.reconcile(r)} aria-label="Reconcile ${r.name} now">Reconcile now</button>` : nothing}</td>
        </tr>`;
      })}</tbody></table></div>
      <nav class="pager" aria-label="Pages">
        <button ?disabled=${this.page === 0} @click=${() => { this.page -= 1; this.load(); }}>Previous page</button>
        <span>Page ${this.page + 1}</span>
        <button ?disabled=${!this.nextCursor} @click=${() => { this.cursors[this.page + 1] = this.nextCursor; this.page += 1; this.load(); }}>Next page</button>
      </nav>`;
  }

  field(field, label, content, help) {
    return html`<div class="field">
      <label for="rel-${field.replace(/\./g, '-')}">${label}</label>${content}
      ${help ? html`<p class="help" id="rel-${field.replace(/\./g, '-')}-help">${help}</p>` : nothing}
      ${fieldError(FORM, field, this.violations)}</div>`;
  }

  text(field, label, name, value, { placeholder = '', disabled = false, type = 'text', help = '' } = {}) {
    const id = 'rel-' + field.replace(/\./g, '-');
    return this.field(field, label, html`<input id=${id} name=${name} type=${type} value=${value ?? ''} placeholder=${placeholder}
      ?disabled=${disabled} aria-invalid=${this.violations[field] ? 'true' : 'false'}
      aria-describedby="${errorId(FORM, field)} ${id}-help" autocomplete="off" spellcheck="false">`, help);
  }

  renderPane() {
    const pane = this.pane || { mode: 'deploy', model: {} };
    const m = pane.model;
    const upgrade = pane.mode === 'upgrade';
    const inst = (m.install && m.install.remediation) || {};
    const upg = (m.upgrade && m.upgrade.remediation) || {};
    const check = this.valuesCheck || {};
    return html`<dialog id="rel-pane" class="pane" aria-labelledby="rel-pane-title" @close=${() => { this.pane = null; }}>
      <form id="rel-form" @submit=${e => this.save(e)} novalidate>
        <header><h3 id="rel-pane-title">${upgrade ? `Upgrade ${m.name}` : 'Deploy a release'}</h3>
          <button type="button" class="close" aria-label="Close" @click=${() => closeDialog(this, 'rel-pane')}>×</button></header>
        ${this.stale ? html`<div class="warning" role="alert"><p><strong>Someone else changed ${m.name} after you opened it</strong>
          (now version ${this.stale.version}${this.stale.changed ? ', with different values' : ''}). Your values are still in the
          editor and were not saved; choose Upgrade again to apply yours over it.</p></div>` : nothing}
        <div class="grid">
          ${this.field('sourceType', 'Source Type', html`<select id="rel-sourceType" name="sourceType" ?disabled=${upgrade}
            aria-describedby=${errorId(FORM, 'sourceType')}><option value="OCIRepository" selected>OCIRepository</option></select>`)}
          ${this.field('sourceName', 'Source Name', this.sources.length || upgrade
            ? html`<select id="rel-sourceName" name="sourceName" ?disabled=${upgrade} aria-describedby=${errorId(FORM, 'sourceName')}
                @change=${() => this.checkValues()}>${this.sources.map(s => html`<option value=${s.name}
                ?selected=${s.name === m.sourceName}>${s.name}${s.phase && s.phase !== 'Ready' ? ` (${s.phase})` : ''}</option>`)}</select>`
            : html`<select id="rel-sourceName" name="sourceName" disabled aria-describedby="rel-no-sources"></select>
                <p class="help" id="rel-no-sources">This tenant has no OCI repositories: add one on the OCI Repository tab first.</p>`)}
          ${this.text('name', 'Name', 'name', m.name, { placeholder: 'my-app', disabled: upgrade })}
          ${this.text('targetNamespace', 'Namespace', 'targetNamespace', m.targetNamespace, { placeholder: this.tenant,
            disabled: upgrade, help: 'Defaults to the tenant\'s namespace' })}
          <div class="field checks"><label><input type="checkbox" name="createNamespace" ?checked=${!!(m.install && m.install.createNamespace)}
            ?disabled=${upgrade}> Create the namespace if missing</label></div>
          <div class="field wide">
            <label for="rel-values">Values (YAML)</label>
            <textarea id="rel-values" name="values" rows="10" class="code" spellcheck="false"
              .defaultValue=${valuesToYaml(m.values)} placeholder="replicaCount: 2"
              aria-describedby="rel-values-check ${errorId(FORM, 'values')}" aria-invalid=${check.violations && check.violations.length ? 'true' : 'false'}
              @input=${() => this.onValuesInput()}></textarea>
            <p class="buttons"><button type="button" @click=${() => this.loadDefaults()}>Load the chart's default values</button></p>
            <div id="rel-values-check" class="values-check" role="status" aria-live="polite">
              ${check.checking ? 'Checking…' : check.text ? html`<span class=${check.error ? 'error' : 'muted'}>${check.text}</span>`
                : check.scope ? html`<span class=${check.ok ? 'ok' : 'error'}>${check.ok ? 'Values are valid. ' : ''}${check.scope}</span>
                  ${check.violations && check.violations.length ? html`<ul class="error">${check.violations.map(v =>
                    html`<li><code>${v.field}</code>: ${v.message}</li>`)}</ul>` : nothing}` : nothing}
            </div>
            ${fieldError(FORM, 'values', this.violations)}
          </div>
          ${this.text('interval', 'Interval (MM:SS)', 'interval', m.interval || '05:00', { placeholder: '05:00' })}
          ${this.text('timeout', 'Timeout', 'timeout', m.timeout || '5m', { placeholder: '5m' })}
          ${this.text('install.remediation.retries', 'Install retries', 'installRetries', inst.retries ?? 0, { type: 'number' })}
          ${this.text('upgrade.remediation.retries', 'Upgrade retries', 'upgradeRetries', upg.retries ?? 0, { type: 'number' })}
          ${this.field('upgrade.remediation.strategy', 'After a failed upgrade', html`<select id="rel-upgrade-remediation-strategy"
            name="strategy" aria-describedby=${errorId(FORM, 'upgrade.remediation.strategy')}>
            <option value="rollback" ?selected=${upg.strategy !== 'uninstall'}>roll back</option>
            <option value="uninstall" ?selected=${upg.strategy === 'uninstall'}>uninstall</option></select>`)}
        </div>
        ${otherViolations(this.violations, FIELDS)}
        ${this.paneError ? html`<p class="error" role="alert">${this.paneError}</p>` : nothing}
        <footer>
          <button type="submit" class="primary" ?disabled=${!!this.busy}>${upgrade ? 'Upgrade' : 'Deploy'}</button>
          <button type="button" @click=${() => closeDialog(this, 'rel-pane')}>Cancel</button>
          ${this.busy === 'save' ? html`<progress aria-label="Saving"></progress>` : nothing}
        </footer>
      </form>
    </dialog>`;
  }

  renderView() {
    const r = this.viewing || {};
    const s = r.status || {};
    const current = s.currentRevision;
    return html`<dialog id="rel-view" class="pane" aria-labelledby="rel-view-title" @close=${() => { this.viewing = null; this.pending = null; }}>
      <header><h3 id="rel-view-title">${r.name}</h3>
        <button type="button" class="close" aria-label="Close" @click=${() => closeDialog(this, 'rel-view')}>×</button></header>
      ${r.gone ? html`<p role="status">${r.name} is uninstalled and gone.</p>`
        : r.error ? html`<p class="error" role="alert">${r.error}</p>` : !r.sourceName ? html`<p aria-busy="true">Loading…</p>` : html`
      <p>${badge(s.phase)} ${this.pending ? html`<span role="status"><progress aria-label=${this.pending.text}></progress> ${this.pending.text}</span>` : nothing}</p>
      ${this.canWrite ? html`<p class="buttons">
        <button @click=${() => this.openUpgrade(r.name)}>Upgrade</button>
        <button @click=${() => this.reconcile(r)}>Reconcile now</button>
        ${r.suspend ? html`<button @click=${() => this.setSuspend(r, false)}>Resume</button>`
          : html`<button @click=${() => this.setSuspend(r, true)}>Suspend</button>`}
        <button class="danger" @click=${() => this.askUninstall(r.name)}>Uninstall</button></p>` : nothing}
      <dl class="config">
        <dt>Source</dt><dd>${r.sourceType}/${r.sourceName}</dd>
        <dt>Release name</dt><dd>${r.releaseName}</dd>
        <dt>Namespace</dt><dd>${r.targetNamespace}</dd>
        <dt>Revision</dt><dd>${current ?? '—'}</dd>
        <dt>Last applied</dt><dd class="mono">${s.lastAppliedRevision || '—'}</dd>
        <dt>Last attempted</dt><dd class="mono">${s.lastAttemptedRevision || '—'}</dd>
        <dt>Failures in a row</dt><dd>${s.failures}</dd>
        <dt>Last reconcile</dt><dd>${when(s.lastReconcileAt)}</dd>
        <dt>Next reconcile</dt><dd>${r.suspend ? 'suspended' : when(s.nextReconcileAt)}</dd>
        <dt>Interval / timeout</dt><dd>${r.interval} / ${r.timeout}</dd>
      </dl>
      <section aria-labelledby="relv-conditions"><h4 id="relv-conditions">Conditions</h4>${conditionsTable(s.conditions)}</section>
      <section aria-labelledby="relv-inventory"><h4 id="relv-inventory">Inventory</h4>
        ${s.inventory && s.inventory.length ? html`<table class="compact"><caption class="sr-only">Objects of ${r.name}</caption>
          <thead><tr><th scope="col">Kind</th><th scope="col">Namespace</th><th scope="col">Name</th><th scope="col">Health</th></tr></thead>
          <tbody>${s.inventory.map(o => html`<tr><td>${o.kind}</td><td>${o.namespace || '—'}</td><td>${o.name}</td>
            <td>${o.health ? html`${badge(o.health)}${o.healthMessage ? html` <span class="muted">${o.healthMessage}</span>` : ''}` : html`<span class="muted">not reported</span>`}</td></tr>`)}</tbody></table>`
          : html`<p class="muted">Nothing applied yet.</p>`}
      </section>
      <section aria-labelledby="relv-history"><h4 id="relv-history">History</h4>
        ${this.history && this.history.length ? html`<div class="table-wrap"><table class="compact"><caption class="sr-only">Revisions of ${r.name}</caption>
          <thead><tr><th scope="col">Revision</th><th scope="col">Action</th><th scope="col">Status</th><th scope="col">Chart</th>
            <th scope="col">Finished</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>${this.history.map(h => html`<tr data-revision=${h.revision}><td>${h.revision}</td><td>${h.action}</td><td>${h.status}</td>
            <td>${h.chartName} ${h.chartVersion}</td><td>${when(h.finishedAt)}</td>
            <td class="actions">
              <button @click=${() => this.showRevision(r, h.revision, 'manifest')} aria-label="Manifest of revision ${h.revision}">Manifest</button>
              <button @click=${() => this.showRevision(r, h.revision, 'values')} aria-label="Values of revision ${h.revision}">Values</button>
              ${this.canWrite && h.revision !== current && h.status !== 'failed' ? html`<button
                @click=${() => this.rollback(r, h.revision)} aria-label="Rollback to revision ${h.revision}">Rollback</button>` : nothing}
            </td></tr>`)}</tbody></table></div>` : html`<p class="muted">No revisions yet.</p>`}
        ${this.revisionText ? html`<h5>${this.revisionText.what === 'manifest' ? 'Manifest' : 'Values'} of revision ${this.revisionText.revision}</h5>
          <pre class="code" tabindex="0" aria-label="${this.revisionText.what} of revision ${this.revisionText.revision}">${this.revisionText.text}</pre>` : nothing}
      </section>
      <section aria-labelledby="relv-diff"><h4 id="relv-diff">Next upgrade</h4>
        <button @click=${() => this.showDiff(r)}>Show what the next upgrade would change</button>
        ${!this.diff ? nothing : this.diff.loading ? html`<p aria-busy="true">Rendering…</p>` : this.diff.error
          ? html`<p class="error">${this.diff.error}</p>` : html`<div class="diff" role="region" aria-label="Diff">
            <p>Against revision ${this.diff.currentRevision ?? '— (not installed)'}, source ${this.diff.sourceRevision || '—'}:
              ${(this.diff.added || []).length} added, ${(this.diff.changed || []).length} changed,
              ${(this.diff.removed || []).length} removed, ${this.diff.unchanged} unchanged.</p>
            <ul>${['added', 'changed', 'removed'].flatMap(k => (this.diff[k] || []).map(o =>
              html`<li><span class="diff-${k}">${k}</span> ${o.kind} ${o.namespace ? o.namespace + '/' : ''}${o.name}</li>`))}</ul></div>`}
      </section>`}
    </dialog>`;
  }

  renderUninstall() {
    return html`<dialog id="rel-uninstall" role="alertdialog" aria-labelledby="rel-uninstall-title" aria-describedby="rel-uninstall-note"
        @close=${() => { this.uninstalling = null; }}>
      <h3 id="rel-uninstall-title">Uninstall ${this.uninstalling}?</h3>
      <p id="rel-uninstall-note">Every object this release applied is deleted from the cluster, then the release record goes.
        A suspended release is removed without touching the cluster.</p>
      <footer>
        <button class="danger" ?disabled=${this.busy === 'uninstall'} @click=${() => this.confirmUninstall()}>Uninstall</button>
        <button autofocus @click=${() => closeDialog(this, 'rel-uninstall')}>Cancel</button>
      </footer>
    </dialog>`;
  }
}

customElements.define('hd-releases', Releases);
