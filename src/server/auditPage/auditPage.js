// The privacy officers' page: plain browser JavaScript, served by the gateway with a strict CSP
// (scripts and styles from this origin only, Trusted Types enforced). Builds the DOM with
// textContent only, never HTML strings, so nothing in an audit event can become markup.
'use strict';

const EVENT_FIELDS = `leafIndex at requestId subject purpose breakGlass outcome agencies onCaseTeam
  caller { sub agency roles client } released { category agency fields } withheld { category agency reason }
  auditLogReads { field }`;

const state = { token: '', filter: null, cursor: null, timeline: false };
const $ = (id) => document.getElementById(id);

async function gql(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${state.token}`, 'x-purpose-of-use': 'AUDIT' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors && body.errors.length > 0) {
    const e = body.errors[0];
    const code = e.extensions && e.extensions.code ? ` (${e.extensions.code}${e.extensions.reason ? `: ${e.extensions.reason}` : ''})` : '';
    throw new Error(`${e.message}${code}`);
  }
  return body.data;
}

function el(tag, options, ...children) {
  const node = document.createElement(tag);
  if (options) {
    if (options.className) node.className = options.className;
    if (options.text !== undefined) node.textContent = options.text;
    if (options.testid) node.dataset.testid = options.testid;
    if (options.datetime) node.setAttribute('datetime', options.datetime);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

function setStatus(node, text, ok) {
  node.textContent = text;
  node.className = ok === undefined ? '' : ok ? 'status-ok' : 'status-bad';
}

function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

async function useToken() {
  state.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  const who = $('who');
  try {
    const data = await gql('{ me { sub agency roles } auditLog { size } }');
    setStatus(who, `${data.me.sub} (${data.me.agency}) — the log holds ${data.auditLog.size} events`, true);
    for (const id of ['verify', 'checkpoint', 'search-button']) $(id).disabled = false;
  } catch (error) {
    setStatus(who, error.message, false);
    for (const id of ['verify', 'checkpoint', 'search-button']) $(id).disabled = true;
  }
}

async function verify() {
  const out = $('verify-result');
  out.className = '';
  out.textContent = 'Recomputing the Merkle tree…';
  try {
    const { auditLog } = await gql('{ auditLog { verify { ok treeSize rootHash checkpoints legacyEvents firstProblem { kind leafIndex seq message } problems { kind } } } }');
    const v = auditLog.verify;
    out.className = v.ok ? 'ok' : 'bad';
    out.replaceChildren(
      el('strong', { className: v.ok ? 'status-ok' : 'status-bad', text: v.ok ? '✔ The log is intact' : '✘ The log does NOT verify' }),
      el('div', { text: `${v.treeSize} events, ${v.checkpoints} signed checkpoints checked${v.legacyEvents ? `, ${v.legacyEvents} older events outside the log` : ''}.` }),
      v.ok ? el('div', { text: `Root ${v.rootHash}` }) : el('div', { text: `First bad entry: ${v.firstProblem.message} (${v.problems.length} problems in all)` }),
    );
    out.dataset.ok = String(v.ok);
  } catch (error) {
    out.className = 'bad';
    out.textContent = error.message;
  }
}

async function checkpoint() {
  const out = $('verify-result');
  try {
    const { createAuditCheckpoint: c } = await gql('mutation { createAuditCheckpoint { seq treeSize rootHash at } }');
    out.className = 'ok';
    out.replaceChildren(el('div', { text: `Checkpoint ${c.seq} signed at ${when(c.at)}: ${c.treeSize} events, root ${c.rootHash}` }));
  } catch (error) {
    out.className = 'bad';
    out.textContent = error.message;
  }
}

function readFilter() {
  const filter = {};
  const identifier = $('identifier').value.trim();
  const subject = $('subject').value.trim();
  if (identifier) filter.person = { identifier: { scheme: $('scheme').value, value: identifier } };
  else if (subject) filter.person = { subject };
  for (const key of ['callerSub', 'callerAgency', 'agency', 'purpose', 'outcome']) {
    const value = $(key).value.trim();
    if (value) filter[key] = value;
  }
  for (const key of ['from', 'to']) if ($(key).value) filter[key] = new Date($(key).value).toISOString();
  if ($('breakGlass').checked) filter.breakGlass = true;
  if ($('outsideCaseTeam').checked) filter.outsideCaseTeam = true;
  return filter;
}

async function search(filter) {
  state.filter = filter;
  state.cursor = null;
  state.timeline = Boolean(filter.person);
  $('timeline').replaceChildren();
  $('results-title').textContent = state.timeline ? 'Timeline for one person (oldest first)' : 'Events (newest first)';
  $('report').hidden = true;
  await loadPage();
  if (filter.person) await loadReport(filter.person);
}

async function loadPage() {
  const status = $('results-status');
  status.textContent = 'Searching…';
  try {
    // A literal page size, which the gateway's query-cost limit counts: 25 cards fit its default budget.
    const { auditLog } = await gql(
      `query($f: AuditEventFilter, $after: String) { auditLog { events(filter: $f, first: 25, after: $after) { events { ${EVENT_FIELDS} } endCursor hasMore } } }`,
      { f: state.filter, after: state.cursor },
    );
    const page = auditLog.events;
    const list = $('timeline');
    // A person's timeline reads oldest first; the API pages newest first.
    const items = page.events.map(renderEvent);
    if (state.timeline) list.prepend(...items.reverse());
    else list.append(...items);
    state.cursor = page.endCursor;
    $('more').hidden = !page.hasMore;
    const shown = list.children.length;
    const glass = list.querySelectorAll('.break-glass').length;
    status.textContent = `${shown} event${shown === 1 ? '' : 's'} shown${glass ? `, ${glass} break-glass` : ''}${page.hasMore ? ' (more available)' : ''}.`;
  } catch (error) {
    setStatus(status, error.message, false);
  }
}

function renderEvent(e) {
  const glass = Boolean(e.breakGlass);
  const categories = [...new Set(e.released.map((r) => r.category))];
  const head = el('div', { className: 'head' },
    el('time', { text: when(e.at), datetime: e.at }),
    glass ? el('span', { className: 'badge glass', text: 'BREAK-GLASS' }) : null,
    el('span', { className: `badge ${e.outcome}`, text: e.outcome }),
    el('span', { className: 'badge', text: e.purpose || 'no purpose' }),
    el('span', { className: 'who', text: `${e.caller.sub} · ${e.caller.agency} · ${e.caller.roles.join(', ')}` }),
  );
  const detail = el('div', { className: 'detail' },
    el('div', { text: `Systems read: ${e.agencies.length ? e.agencies.join(', ') : 'none'} · Released: ${categories.length ? categories.join(', ') : 'nothing'}${e.withheld.length ? ` · Withheld: ${e.withheld.map((w) => `${w.category}${w.agency ? ` from ${w.agency}` : ''} (${w.reason})`).join(', ')}` : ''}` }),
    e.onCaseTeam === false ? el('div', { className: 'status-bad', text: 'Caller was not on the case team.' }) : null,
    e.auditLogReads.length ? el('div', { text: `Audit log read: ${e.auditLogReads.map((r) => r.field).join(', ')}` }) : null,
    el('div', { text: `Request ${e.requestId} · leaf ${e.leafIndex}` }),
  );
  if (glass) detail.append(el('p', { className: 'justification', text: `Justification: ${e.breakGlass}` }));
  const item = el('li', { className: glass ? 'event break-glass' : 'event', testid: 'event' }, head, detail);
  if (e.subject && !state.timeline) {
    const link = el('button', { className: 'subject-link', text: 'Timeline of this person' });
    link.type = 'button';
    link.addEventListener('click', () => {
      $('identifier').value = '';
      $('subject').value = e.subject;
      search({ person: { subject: e.subject } });
    });
    detail.append(link);
  }
  return item;
}

async function loadReport(person) {
  try {
    const { auditLog } = await gql(
      'query($p: AuditPersonInput!) { auditLog { subjectAccessReport(person: $p) { total byAgency { agency accesses first last purposes categories breakGlass } } } }',
      { p: person },
    );
    const rows = auditLog.subjectAccessReport.byAgency.map((s) =>
      el('tr', null, el('td', { text: s.agency }), el('td', { text: String(s.accesses) }), el('td', { text: when(s.first) }), el('td', { text: when(s.last) }),
        el('td', { text: s.purposes.join(', ') }), el('td', { text: s.categories.join(', ') }), el('td', { text: String(s.breakGlass) })));
    $('report-rows').replaceChildren(...rows);
    $('report').hidden = false;
  } catch {
    $('report').hidden = true;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('use-token').addEventListener('click', useToken);
  $('verify').addEventListener('click', verify);
  $('checkpoint').addEventListener('click', checkpoint);
  $('more').addEventListener('click', loadPage);
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search(readFilter());
  });
});
