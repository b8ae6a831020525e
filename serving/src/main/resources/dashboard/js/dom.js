// A tiny element builder: text goes in as text nodes (never parsed as HTML), so API data cannot inject markup.

/** An element with attributes (on* = listeners, class, dataset via data-*) and children (nodes, strings, arrays). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;

/** A fresh element id, for label/for pairs. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form control in a wrapper div. */
export function field(labelText, control) {
  if (!control.id) control.id = uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control);
}

/** A select of [value, label] pairs with one selected. */
export function select(options, selected, attrs = {}) {
  return h('select', attrs, options.map(([v, label]) => h('option', { value: v, selected: v === selected }, label)));
}
