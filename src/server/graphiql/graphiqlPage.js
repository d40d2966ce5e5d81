// GraphiQL's bootstrap: plain browser JavaScript, in its own file because the page's CSP allows
// no inline script. React 18, ReactDOM and GraphiQL are the UMD globals loaded before it.
// The token lives in `caller` (this page's memory) only; GraphiQL's editors are given an
// in-memory storage, so neither the token nor queries nor variables (which may hold national
// identifiers) are written to the browser's storage.
'use strict';

const caller = { token: '', purpose: '', breakGlass: '' };
const $ = (id) => document.getElementById(id);

/** A Storage that forgets everything on reload: GraphiQL keeps tabs, queries and history in it. */
function memoryStorage() {
  const items = new Map();
  return {
    get length() { return items.size; },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => { items.set(k, String(v)); },
    removeItem: (k) => { items.delete(k); },
    clear: () => { items.clear(); },
  };
}

const storage = memoryStorage();

/** POSTs as application/json, which passes the gateway's CSRF check without a preflight header. */
async function fetcher(params) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
  if (caller.token) headers.authorization = `Bearer ${caller.token}`;
  if (caller.purpose) headers['x-purpose-of-use'] = caller.purpose;
  // The justification in any language (RFC 8187: header values are bytes, fetch takes Latin-1 only);
  // not with the schema's own query, which reads no one and would be listed as a break-glass use.
  if (caller.purpose === 'EMERGENCY' && caller.breakGlass && params.operationName !== 'IntrospectionQuery') {
    headers['x-break-glass'] = `UTF-8''${encodeURIComponent(caller.breakGlass)}`;
  }
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params), credentials: 'omit', cache: 'no-store' });
  const body = await res.json();
  if (params.operationName === 'IntrospectionQuery') reportIntrospection(res.status, body);
  return body;
}

function setStatus(text, ok) {
  const status = $('status');
  status.textContent = text;
  status.className = ok === undefined ? '' : ok ? 'ok' : 'bad';
}

function reportIntrospection(httpStatus, body) {
  const error = body && body.errors && body.errors[0];
  if (!error) {
    setStatus(`Schema loaded. Purpose: ${caller.purpose || 'none'}.`, true);
    return;
  }
  const code = error.extensions && error.extensions.code;
  if (httpStatus === 401) setStatus('The gateway did not accept this token (UNAUTHENTICATED). Is it expired, or from another issuer?', false);
  else if (/introspection/i.test(error.message)) setStatus('This gateway has introspection switched off, so GraphiQL cannot read the schema (server.introspection).', false);
  else setStatus(`${error.message}${code ? ` (${code})` : ''}`, false);
}

let generation = 0;
let root = null;

/** (Re)mounts GraphiQL, so that it reads the schema again with the new token. */
function mount() {
  generation += 1;
  root = root || ReactDOM.createRoot($('graphiql'));
  root.render(React.createElement(GraphiQL, {
    key: generation,
    fetcher,
    storage,
    isHeadersEditorEnabled: false,
    shouldPersistHeaders: false,
    defaultQuery: '# Ask who you are to the gateway, then explore the schema (Docs, on the left).\n{\n  me {\n    sub\n    agency\n    roles\n    purpose\n  }\n}\n',
  }));
}

function readCaller(event) {
  if (event) event.preventDefault();
  caller.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  caller.purpose = $('purpose').value;
  caller.breakGlass = $('break-glass').value.trim();
  if (!caller.token) {
    setStatus('Paste a token first.', false);
    return;
  }
  setStatus('Loading the schema…');
  mount();
}

document.addEventListener('DOMContentLoaded', () => {
  $('caller').addEventListener('submit', readCaller);
  $('purpose').addEventListener('change', () => {
    caller.purpose = $('purpose').value;
    $('break-glass-label').hidden = caller.purpose !== 'EMERGENCY';
    if (caller.token) setStatus(`Purpose: ${caller.purpose || 'none'}.`, true);
  });
  $('break-glass').addEventListener('input', () => { caller.breakGlass = $('break-glass').value.trim(); });
});
