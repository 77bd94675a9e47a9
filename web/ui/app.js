// The web UI: signing in, then one view at a time by the address's hash (#/, #/documents/<sha256>
// [/<page>[/<start>-<end>]], #/records, #/facts, #/compare, #/review, #/export, #/account, #/users), each over
// the JSON API.
import { $, api, L, loadLabels, may, session } from './lib.js';
import { showTokens } from './views/account.js';
import './views/compare.js';
import { openDocument } from './views/document.js';
import { showDocuments, stopFollowing } from './views/documents.js';
import './views/facts.js';
import { showRecords } from './views/records.js';
import { showReview } from './views/review.js';
import { showUsers } from './views/users.js';

const VIEWS = {
  documents: showDocuments,
  document: openDocument,
  records: showRecords,
  facts: null,
  compare: null,
  review: showReview,
  export: null,
  account: showTokens,
  users: showUsers,
};

/** The view an address names, and its argument. */
function route() {
  const [, name = '', ...rest] = location.hash.split('/');
  if (name === 'documents' && rest[0]) return ['document', rest];
  return [name in VIEWS && name !== 'document' ? name : 'documents', []];
}

async function show() {
  if (!session.user) return;
  const [name, argumentList] = route();
  for (const view of document.querySelectorAll('[data-view]')) view.hidden = view.dataset.view !== name;
  for (const link of document.querySelectorAll('#nav a')) {
    const current = link.getAttribute('href') === `#/${name === 'documents' || name === 'document' ? '' : name}`;
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  await VIEWS[name]?.(...argumentList);
}

function showSignIn() {
  stopFollowing();
  session.user = null;
  session.csrfToken = null;
  session.access = [];
  $('#app').hidden = true;
  $('#nav').hidden = true;
  $('#who').hidden = true;
  $('#sign-in').hidden = false;
  $('#sign-in-form input[name=username]').focus();
}
session.onSignedOut = showSignIn;

async function start(signedIn) {
  session.user = signedIn.user;
  session.csrfToken = signedIn.csrf_token;
  session.access = signedIn.access;
  await loadLabels();
  $('#sign-in').hidden = true;
  $('#who-name').textContent = `${session.user.username} · ${L.roles[session.user.role]}`;
  for (const part of document.querySelectorAll('[data-access]')) part.hidden = !may(part.dataset.access);
  $('#who').hidden = false;
  $('#nav').hidden = false;
  $('#app').hidden = false;
  const health = await api('/api/health');
  $('#health').textContent = `Cơ sở dữ liệu: ${health.database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (nhúng)'} · xử lý: ${health.driver === 'queue' ? 'hàng đợi Redis' : 'trong tiến trình'}`;
  // Bull Board, for admins, where documents go through Redis
  $('#queue-board').hidden = !(health.driver === 'queue' && may('admin'));
  await show();
}

$('#sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('#sign-in-error').textContent = body.error ?? `Lỗi ${response.status}`;
    return;
  }
  event.target.reset();
  $('#sign-in-error').textContent = '';
  await start(body);
});

$('#sign-out').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' });
  showSignIn();
});

window.addEventListener('hashchange', () => show().catch((error) => console.warn(error)));

const current = await api('/api/session');
if (current.user) await start(current);
else showSignIn();
