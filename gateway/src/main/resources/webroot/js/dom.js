// Small DOM and formatting helpers shared by every view.

/** Creates an element: h('td', {class: 'num'}, '42'). Attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Marks an element as just changed; the CSS animation fades the highlight out. */
export function flash(el) {
  el.classList.remove('flash');
  void el.offsetWidth; // restarts the animation when the same element changes twice
  el.classList.add('flash');
}

/**
 * Calls fn at most once per `ms`, with the latest arguments, so a burst of events costs one refresh; a steady
 * stream of events faster than `ms` still refreshes every `ms` rather than never.
 */
export function throttle(fn, ms) {
  let timer = null;
  let latest = [];
  return (...args) => {
    latest = args;
    if (timer === null) {
      timer = setTimeout(() => {
        timer = null;
        fn(...latest);
      }, ms);
    }
  };
}

const UNIX_EPOCH_MJD = 40587;

export const mjdToDate = (mjd) => new Date((mjd - UNIX_EPOCH_MJD) * 86400000);
export const dateToMjd = (date) => date.getTime() / 86400000 + UNIX_EPOCH_MJD;
export const unixToDate = (seconds) => new Date(seconds * 1000);

/** "2026-11-25 12:05:01" in UTC, the telescope's clock. */
export function utc(date) {
  return date ? date.toISOString().replace('T', ' ').slice(0, 19) : '—';
}

export function fixed(value, digits = 2) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : Number(value).toFixed(digits);
}

/** "3 min", "2 h 5 min": how long ago, or how long, for seconds. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  return `${Math.round(s / 86400)} d`;
}

export function ago(unixSeconds) {
  return unixSeconds ? `${duration(Date.now() / 1000 - unixSeconds)} ago` : '—';
}

export function badge(text, kind = text) {
  return h('span', {class: `badge badge-${String(kind).replace(/[^a-z_]/gi, '')}`}, text);
}

/** A panel with a heading, used by every view. */
export function panel(title, ...children) {
  return h('section', {class: 'panel'}, h('h2', {}, title), ...children);
}

/** Wraps a table so it scrolls sideways on a phone instead of stretching the page. */
export function scroller(table) {
  return h('div', {class: 'table-scroll'}, table);
}

export function errorLine(error) {
  return h('p', {class: 'error', role: 'alert'}, String(error.message || error));
}
