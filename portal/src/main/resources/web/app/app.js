import { LitElement, html, nothing } from 'lit';
import { session, signIn, signOut } from './api.js';
import './repositories.js';
import './releases.js';

const TENANT_KEY = 'helmdeck.tenant';

/** The whole page: sign-in, or the header with the tenant switcher and the two tabs. */
class HelmdeckPortal extends LitElement {
  static properties = {
    user: { state: true },
    tenant: { state: true },
    tab: { state: true },
    signInError: { state: true },
    oidc: { state: true },
  };

  constructor() {
    super();
    this.user = session();
    this.tenant = this.initialTenant();
    this.tab = location.hash === '#releases' ? 'releases' : 'repositories';
    this.signInError = '';
    this.oidc = false;
  }

  createRenderRoot() { return this; }

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('helmdeck-unauthorized', () => {
      signOut();
      this.user = null;
      this.signInError = 'Your token was refused (expired or not valid here). Sign in again.';
    });
    fetch('/portal/v1/settings').then(r => r.json()).then(s => { this.oidc = !!s.oidc; }).catch(() => {});
    if (location.hash === '#signed-in') this.takeOidcSession();
  }

  async takeOidcSession() {
    const answer = await fetch('/portal/v1/session', { credentials: 'same-origin' });
    if (answer.ok) {
      const { accessToken } = await answer.json();
      this.finishSignIn(accessToken);
    }
    history.replaceState(null, '', location.pathname);
  }

  initialTenant() {
    const user = this.user;
    if (!user) return '';
    const saved = sessionStorage.getItem(TENANT_KEY);
    if (saved && (user.admin || user.tenants.includes(saved))) return saved;
    return user.tenants[0] || (user.admin ? 'demo' : '');
  }

  finishSignIn(token) {
    const error = signIn(token);
    if (error) {
      this.signInError = error;
      return;
    }
    this.user = session();
    this.signInError = '';
    if (!this.user.admin && !this.user.tenants.length) {
      this.signInError = 'This token names no tenant: ask for a token with a "tenants" claim.';
      signOut();
      this.user = null;
      return;
    }
    this.tenant = this.initialTenant();
  }

  onSignIn(e) {
    e.preventDefault();
    this.finishSignIn(this.querySelector('#token').value);
  }

  setTenant(value) {
    const name = value.trim();
    if (!name) return;
    this.tenant = name;
    sessionStorage.setItem(TENANT_KEY, name);
  }

  setTab(tab) {
    this.tab = tab;
    history.replaceState(null, '', tab === 'releases' ? '#releases' : '#repositories');
  }

  onTabKey(e) {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = this.tab === 'repositories' ? 'releases' : 'repositories';
      this.setTab(next);
      this.updateComplete.then(() => this.querySelector('#tab-' + next).focus());
    }
  }

  render() {
    return this.user ? this.renderShell() : this.renderSignIn();
  }

  renderSignIn() {
    return html`
      <main class="sign-in">
        <h1>Helmdeck</h1>
        <p>Manage and deploy Helm charts stored in OCI registries.</p>
        ${this.oidc ? html`
          <p><a class="button primary" href="/portal/v1/login">Sign in with your organisation</a></p>
          <p class="muted">or paste a token:</p>` : nothing}
        <form @submit=${this.onSignIn}>
          <label for="token">Access token</label>
          <textarea id="token" rows="5" required spellcheck="false" autocomplete="off"
            aria-describedby="token-help ${this.signInError ? 'token-error' : ''}"
            placeholder="eyJhbGciOi..."></textarea>
          <p id="token-help" class="help">For the local run: the admin token <code>./run-local.sh</code> printed, or one from
            <code>./run-local.sh token --tenant NAME [--viewer]</code>.</p>
          ${this.signInError ? html`<p id="token-error" class="error" role="alert">${this.signInError}</p>` : nothing}
          <button class="primary" type="submit">Sign in</button>
        </form>
      </main>`;
  }

  renderShell() {
    const user = this.user;
    return html`
      <header class="top">
        <span class="brand">Helmdeck</span>
        <nav class="crumbs" aria-label="Breadcrumb">Kubernetes › Helm</nav>
        <div class="who">
          ${user.tenants.length ? html`
            <label>Tenant
              <select aria-label="Tenant" @change=${e => this.setTenant(e.target.value)}>
                ${(user.tenants.includes(this.tenant) ? user.tenants : [this.tenant, ...user.tenants]).map(t =>
                  html`<option value=${t} ?selected=${t === this.tenant}>${t}</option>`)}
              </select></label>`
            : html`
            <label>Tenant
              <input aria-label="Tenant" .value=${this.tenant} size="12"
                @change=${e => this.setTenant(e.target.value)}></label>`}
          <span class="role" title=${user.subject}>${user.admin ? 'admin' : user.canWrite ? 'editor' : 'viewer'}</span>
          <button @click=${() => { signOut(); this.user = null; }}>Sign out</button>
        </div>
      </header>
      <div class="tabs" role="tablist" aria-label="Helm" @keydown=${this.onTabKey}>
        ${this.tabButton('repositories', 'OCI Repository')}
        ${this.tabButton('releases', 'Release')}
      </div>
      <main id="panel-${this.tab}" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${this.tab === 'repositories'
          ? html`<hd-repositories .tenant=${this.tenant} .canWrite=${user.canWrite}></hd-repositories>`
          : html`<hd-releases .tenant=${this.tenant} .canWrite=${user.canWrite}></hd-releases>`}
      </main>`;
  }

  tabButton(id, label) {
    const selected = this.tab === id;
    return html`<button role="tab" id="tab-${id}" aria-selected=${selected ? 'true' : 'false'}
      aria-controls="panel-${id}" tabindex=${selected ? '0' : '-1'} @click=${() => this.setTab(id)}>${label}</button>`;
  }
}

customElements.define('hd-portal', HelmdeckPortal);
