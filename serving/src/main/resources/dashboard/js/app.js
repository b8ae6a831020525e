// The dashboard shell: language, sign-in with an API key, navigation between the page modules.
import { ApiError, forgetKey, getJson, problemText, storeKey, storedKey } from './api.js';
import { h, replace } from './dom.js';
import { initialLanguage, setCurrency, t, translateStatic, useLanguage } from './i18n.js';
import { pages } from './pages/index.js';

const $ = (id) => document.getElementById(id);
let session = null;

/** The route in the hash: #/at-risk, #/member/<encoded id>. */
function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const slash = hash.indexOf('/');
  const name = slash < 0 ? hash : hash.slice(0, slash);
  const arg = slash < 0 ? '' : decodeURIComponent(hash.slice(slash + 1));
  return { page: pages.find((p) => p.route === name) || pages[0], arg };
}

function go(route, arg) {
  location.hash = arg === undefined || arg === '' ? `#/${route}` : `#/${route}/${encodeURIComponent(arg)}`;
}

function renderNav() {
  const { page } = currentRoute();
  replace($('nav-list'), pages.map((p) => h('li', {},
    h('a', { href: `#/${p.route}`, 'aria-current': p === page ? 'page' : null }, t(p.nav)))));
}

async function renderPage(focus) {
  if (!session) return;
  renderNav();
  const { page, arg } = currentRoute();
  const container = $('page');
  // Each render fills its own view: a render still waiting for the API when the next one starts (a quick
  // route or language change) then writes into a view no longer in the page, never beside the new one.
  const view = document.createElement('div');
  container.replaceChildren(view);
  container.dataset.page = page.route;
  document.title = `${t(page.nav)} – Treue`;
  await page.render(view, { session, go, admin: session.scopes.includes('admin') }, arg);
  if (focus) $('main').focus();
}

function showSignedIn() {
  $('signin').hidden = true;
  $('nav').hidden = false;
  $('page').hidden = false;
  $('signout').hidden = false;
  $('who').textContent = t('signin.as', { key: session.key_id, tenant: session.tenant });
}

function showSignIn(message) {
  session = null;
  $('signin').hidden = false;
  $('nav').hidden = true;
  $('page').hidden = true;
  $('signout').hidden = true;
  $('who').textContent = '';
  $('signin-error').textContent = message || '';
  $('api-key').focus();
}

/** Checks a key with GET /v1/key; keeps it (sessionStorage) only when the service accepts it. */
async function signIn(key) {
  try {
    session = await getJson('/v1/key', key);
  } catch (e) {
    forgetKey();
    const message = e instanceof ApiError && e.status === 401 ? t('signin.wrongKey')
      : e instanceof ApiError && e.status === 403 ? t('signin.noLists') : problemText(e);
    showSignIn(message);
    return false;
  }
  storeKey(key);
  setCurrency(session.currency);
  showSignedIn();
  await renderPage(true);
  return true;
}

async function start() {
  await useLanguage(initialLanguage(), false);
  $('lang').value = document.documentElement.lang;
  $('lang').addEventListener('change', async (e) => {
    await useLanguage(e.target.value, true);
    if (session) {
      $('who').textContent = t('signin.as', { key: session.key_id, tenant: session.tenant });
      await renderPage(false);
    } else if ($('signin-error').textContent) {
      $('signin-error').textContent = '';
    }
  });
  $('signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = $('api-key').value.trim();
    if (!key) {
      $('signin-error').textContent = t('signin.empty');
      return;
    }
    $('api-key').value = '';
    await signIn(key);
  });
  $('signout').addEventListener('click', () => {
    forgetKey();
    showSignIn('');
  });
  window.addEventListener('hashchange', () => renderPage(true));
  translateStatic(document);
  const key = storedKey();
  if (key) await signIn(key);
  else showSignIn('');
  document.body.dataset.ready = 'true';
}

start();
