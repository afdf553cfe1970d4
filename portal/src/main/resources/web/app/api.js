// Talking to the Helmdeck APIs through the portal's own origin (/api/v1/... is forwarded with the bearer token).

const TOKEN_KEY = 'helmdeck.token';

/** The signed-in user's token and what it says, or null. Claims are read, not verified: the APIs verify. */
export function session() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = decodeClaims(token);
  if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  const groups = Array.isArray(claims.groups) ? claims.groups : [];
  const tenants = Array.isArray(claims.tenants) ? claims.tenants : [];
  return {
    token,
    subject: claims.upn || claims.preferred_username || claims.sub || 'you',
    tenants,
    admin: groups.includes('admin'),
    // ADR 0013: viewer is read only; no role means read and write in the listed tenants.
    canWrite: groups.includes('admin') || !groups.includes('viewer'),
    expires: claims.exp ? new Date(claims.exp * 1000) : null,
  };
}

/** Stores a pasted token; answers an error message when it is not a usable JWT. */
export function signIn(token) {
  const trimmed = (token || '').trim().replace(/^Bearer\s+/i, '');
  const claims = decodeClaims(trimmed);
  if (!claims) return 'This is not a JSON Web Token: paste the whole token (three parts separated by dots).';
  if (claims.exp && claims.exp * 1000 < Date.now()) return 'This token has expired: get a new one.';
  sessionStorage.setItem(TOKEN_KEY, trimmed);
  return null;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

function decodeClaims(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(decodeURIComponent(escape(json)));
    return typeof claims === 'object' && claims ? claims : null;
  } catch (e) {
    return null;
  }
}

/**
 * One API call. Resolves to {status, ok, body, etag}; a problem+json answer is in body as sent (title, detail,
 * violations). Network failures resolve too, with status 0, so callers have one path.
 */
export async function call(method, path, { body, contentType = 'application/json', ifMatch, raw = false,
    accept = 'application/json, application/problem+json' } = {}) {
  const headers = { Accept: accept };
  const s = session();
  if (s) headers.Authorization = 'Bearer ' + s.token;
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = ifMatch;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch (e) {
    return { status: 0, ok: false, body: { title: 'Helmdeck could not be reached', detail: String(e) } };
  }
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('helmdeck-unauthorized'));
  }
  const text = await response.text();
  let parsed = text;
  if (!raw && text) {
    try { parsed = JSON.parse(text); } catch (e) { parsed = text; }
  }
  return { status: response.status, ok: response.ok, body: parsed, etag: response.headers.get('ETag') };
}

/** A sentence for a failed call: the problem's detail and title, never a stack. */
export function explain(result) {
  const b = result.body;
  if (b && typeof b === 'object') {
    const parts = [b.title, b.detail].filter(Boolean);
    if (parts.length) return parts.join(': ');
  }
  return result.status ? 'The request failed with status ' + result.status : 'Helmdeck could not be reached';
}

/** violations of a 422 answer as {field: message}. */
export function violationsOf(result) {
  const out = {};
  const list = result.body && Array.isArray(result.body.violations) ? result.body.violations : [];
  for (const v of list) {
    out[v.field] = out[v.field] ? out[v.field] + '; ' + v.message : v.message;
  }
  return out;
}

export function tenantPath(tenant, kind) {
  return '/api/v1/tenants/' + encodeURIComponent(tenant) + '/' + kind;
}

/** Values as YAML for the editor (block style; strings quoted the JSON way, which YAML reads back the same). */
export function toYaml(value, indent = '') {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return value.map(v => '\n' + indent + '- ' + nested(v, indent + '  ')).join('');
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (!keys.length) return '{}';
    return keys.map(k => '\n' + indent + key(k) + ':' + block(value[k], indent + '  ')).join('');
  }
  return scalar(value);
}

function block(v, indent) {
  if (v && typeof v === 'object' && Object.keys(v).length) return toYaml(v, indent);
  return ' ' + toYaml(v, indent);
}

function nested(v, indent) {
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
    return toYaml(v, indent).replace(/^\n\s*/, '');
  }
  return toYaml(v, indent).replace(/^\n/, '');
}

function key(k) {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(k) ? k : JSON.stringify(k);
}

function scalar(v) {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function valuesToYaml(values) {
  if (!values || !Object.keys(values).length) return '';
  return toYaml(values).replace(/^\n/, '') + '\n';
}

export function ago(iso) {
  if (!iso) return '—';
  const then = new Date(iso);
  const seconds = Math.round((Date.now() - then.getTime()) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const text = s < 60 ? s + ' s' : s < 3600 ? Math.round(s / 60) + ' min' : s < 86400 ? Math.round(s / 3600) + ' h'
      : Math.round(s / 86400) + ' d';
  return future ? 'in ' + text : text + ' ago';
}
