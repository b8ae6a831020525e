// The message catalogues (i18n/en.json, i18n/de.json: the same keys) and number formats per language.
const SUPPORTED = ['en', 'de'];
const STORE = 'treue.lang';
let lang = 'en';
let messages = {};
let currency = 'EUR';

/** The language chosen before (the switch), else the browser's first supported one, else English. */
export function initialLanguage() {
  const chosen = localStorage.getItem(STORE);
  if (SUPPORTED.includes(chosen)) return chosen;
  for (const l of navigator.languages || [navigator.language || 'en']) {
    const base = String(l).toLowerCase().split('-')[0];
    if (SUPPORTED.includes(base)) return base;
  }
  return 'en';
}

/** Loads a catalogue and makes it current; remember = the user picked it with the switch. */
export async function useLanguage(next, remember) {
  const response = await fetch(`i18n/${next}.json`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`catalogue ${next}: ${response.status}`);
  messages = await response.json();
  lang = next;
  document.documentElement.lang = next;
  if (remember) localStorage.setItem(STORE, next);
  translateStatic(document);
}

export function language() {
  return lang;
}

export function setCurrency(code) {
  if (code) currency = code;
}

/** The message of a key with {name} parameters filled in; the key itself when missing (visible in tests). */
export function t(key, params = {}) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Fills every [data-i18n] element's text and [data-i18n-aria] element's aria-label below root. */
export function translateStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-aria]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAria));
  });
}

const locale = () => (lang === 'de' ? 'de-DE' : 'en-GB');

/** Number formats of the current language; null and undefined show as a dash. */
export const fmt = {
  money(v) {
    if (v === null || v === undefined) return '–';
    return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(v);
  },
  percent(v) {
    if (v === null || v === undefined) return '–';
    return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(v);
  },
  number(v, digits = 2) {
    if (v === null || v === undefined) return '–';
    return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(v);
  },
  /** A number with exactly this many decimals (e.g. 7.0). */
  fixed(v, digits = 1) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '–';
    return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  },
  /** A change with its sign: percent (e.g. +4.2 %) or, with unit, a number and unit (e.g. +2.1 pp). */
  signed(v, digits = 1, percent = false) {
    if (v === null || v === undefined || !Number.isFinite(v)) return '–';
    return new Intl.NumberFormat(locale(), { style: percent ? 'percent' : 'decimal', maximumFractionDigits: digits,
      minimumFractionDigits: digits, signDisplay: 'exceptZero' }).format(v);
  },
  date(iso) {
    if (!iso) return '–';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(d);
  },
};
