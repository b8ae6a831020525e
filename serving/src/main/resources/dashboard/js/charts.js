// The dashboard's own SVG charts: no library, no inline script or style (colours are SVG presentation
// attributes, which the strict CSP allows). Each chart is an <svg role="img"> with an aria-label and a
// <title>, and each series has a colour AND a line pattern or marker, so colour is never the only cue.
const NS = 'http://www.w3.org/2000/svg';

/** Colours with AA contrast on white, and dash patterns, in series order. */
export const PALETTE = ['#0b5cad', '#a4161a', '#1d6b2f', '#8a4b00', '#5b2a86', '#00606b', '#4a5563', '#9c2c6b'];
const DASHES = ['', '6 4', '2 3', '10 3 2 3', '1 5', '12 6'];

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c !== null && c !== undefined) el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

function frame(title, width, height) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart',
    preserveAspectRatio: 'xMidYMid meet' });
  svg.appendChild(s('title', {}, title));
  return svg;
}

function yAxis(svg, box, max, format) {
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    const y = box.bottom - ((box.bottom - box.top) * i) / 4;
    svg.appendChild(s('line', { x1: box.left, x2: box.right, y1: y, y2: y, stroke: '#c9d0d8', 'stroke-width': 1 }));
    svg.appendChild(s('text', { x: box.left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5563' },
      format(v)));
  }
}

function xLabels(svg, box, labels, xOf) {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((label, i) => {
    const last = i === labels.length - 1;
    // every k-th label, and the last one when it does not crowd the one before it
    if (i % every !== 0 && !(last && i % every > every * 0.7)) return;
    const anchor = last && labels.length > 1 ? 'end' : i === 0 ? 'start' : 'middle';
    svg.appendChild(s('text', { x: xOf(i), y: box.bottom + 16, 'text-anchor': anchor, 'font-size': 11,
      fill: '#4a5563' }, label));
  });
}

/** A legend under a chart: a sample of each series' line (colour and pattern) and its name. */
function legend(series) {
  const ul = document.createElement('ul');
  ul.className = 'legend';
  series.forEach((x, i) => {
    const li = document.createElement('li');
    const sample = s('svg', { width: 28, height: 10, 'aria-hidden': 'true' },
      s('line', { x1: 0, x2: 28, y1: 5, y2: 5, stroke: PALETTE[i % PALETTE.length], 'stroke-width': 3,
        'stroke-dasharray': DASHES[i % DASHES.length] || null }));
    li.append(sample, document.createTextNode(` ${x.name}`));
    ul.appendChild(li);
  });
  return ul;
}

/**
 * A line chart: labels along x, series of { name, values } (null = no value: the line breaks there).
 * format: the y axis' number format. Returns a <figure> with the svg and its legend.
 */
export function lineChart({ title, labels, series, format, max }) {
  const width = 640;
  const height = 240;
  const box = { left: 64, right: width - 12, top: 12, bottom: height - 28 };
  const all = series.flatMap((x) => x.values).filter((v) => v !== null && v !== undefined);
  const top = max !== undefined ? max : niceMax(Math.max(0, ...all));
  const svg = frame(title, width, height);
  yAxis(svg, box, top, format);
  const n = labels.length;
  const xOf = (i) => (n <= 1 ? (box.left + box.right) / 2 : box.left + ((box.right - box.left) * i) / (n - 1));
  const yOf = (v) => box.bottom - ((box.bottom - box.top) * Math.min(v, top)) / top;
  xLabels(svg, box, labels, xOf);
  series.forEach((x, k) => {
    const colour = PALETTE[k % PALETTE.length];
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        svg.appendChild(s('polyline', { points: run.join(' '), fill: 'none', stroke: colour, 'stroke-width': 2.5,
          'stroke-dasharray': DASHES[k % DASHES.length] || null, 'stroke-linejoin': 'round' }));
      }
      run = [];
    };
    x.values.forEach((v, i) => {
      if (v === null || v === undefined) {
        flush();
        return;
      }
      run.push(`${xOf(i).toFixed(1)},${yOf(v).toFixed(1)}`);
      // dots (with their value as a tooltip) where they stay apart; a dense curve is a plain line
      if (n > 40) return;
      const dot = s('circle', { cx: xOf(i), cy: yOf(v), r: 3, fill: colour });
      dot.appendChild(s('title', {}, `${x.name} ${labels[i]}: ${format(v)}`));
      svg.appendChild(dot);
    });
    flush();
  });
  const figure = document.createElement('figure');
  figure.className = 'chart-box';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, svg, legend(series));
  return figure;
}

/**
 * A bar chart of one series (e.g. a member's purchases per week); format for the axis and the tooltips;
 * integer for counts.
 */
export function barChart({ title, labels, values, format, colour, integer }) {
  const width = 640;
  const height = 150;
  const box = { left: 56, right: width - 8, top: 10, bottom: height - 24 };
  const highest = Math.max(0, ...values.filter((v) => v !== null));
  // counts: a top divisible by the four grid steps, so every tick is a whole number
  const top = integer ? 4 * Math.max(1, Math.ceil(highest / 4)) : niceMax(highest);
  const svg = frame(title, width, height);
  yAxis(svg, box, top, format);
  const n = Math.max(1, labels.length);
  const step = (box.right - box.left) / n;
  const xOf = (i) => box.left + step * i + step / 2;
  xLabels(svg, box, labels, xOf);
  values.forEach((v, i) => {
    if (!v) return;
    const hgt = ((box.bottom - box.top) * v) / top;
    const bar = s('rect', { x: box.left + step * i + step * 0.1, y: box.bottom - hgt, width: step * 0.8,
      height: hgt, fill: colour || PALETTE[0] });
    bar.appendChild(s('title', {}, `${labels[i]}: ${format(v)}`));
    svg.appendChild(bar);
  });
  const figure = document.createElement('figure');
  figure.className = 'chart-box small';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, svg);
  return figure;
}

/**
 * Horizontal stacked bars: one row per category (e.g. tier), one segment per part (e.g. risk band),
 * parts given as { name, colour, pattern } and rows as { label, values: [..per part] }. Each segment
 * carries its share as text when wide enough, so the picture reads without colour too.
 */
export function stackedBars({ title, parts, rows, format }) {
  const width = 640;
  const rowHeight = 28;
  const height = rows.length * (rowHeight + 8) + 8;
  const box = { left: 110, right: width - 100 };
  const svg = frame(title, width, height);
  rows.forEach((row, r) => {
    const total = row.values.reduce((a, b) => a + b, 0);
    const y = 8 + r * (rowHeight + 8);
    svg.appendChild(s('text', { x: box.left - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', 'font-size': 12,
      fill: '#1b1f24' }, row.label));
    svg.appendChild(s('text', { x: box.right + 6, y: y + rowHeight / 2 + 4, 'font-size': 12, fill: '#1b1f24' },
      format(total)));
    let x = box.left;
    row.values.forEach((v, p) => {
      if (!total || !v) return;
      const w = ((box.right - box.left) * v) / total;
      const rect = s('rect', { x, y, width: w, height: rowHeight, fill: parts[p].colour, stroke: '#ffffff' });
      rect.appendChild(s('title', {}, `${row.label} · ${parts[p].name}: ${format(v)}`));
      svg.appendChild(rect);
      if (w > 34) {
        svg.appendChild(s('text', { x: x + w / 2, y: y + rowHeight / 2 + 4, 'text-anchor': 'middle', 'font-size': 11,
          fill: '#ffffff' }, `${Math.round((100 * v) / total)}%`));
      }
      x += w;
    });
  });
  const figure = document.createElement('figure');
  figure.className = 'chart-box';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  const key = document.createElement('ul');
  key.className = 'legend';
  parts.forEach((p) => {
    const li = document.createElement('li');
    li.append(s('svg', { width: 14, height: 14, 'aria-hidden': 'true' },
      s('rect', { width: 14, height: 14, fill: p.colour })), document.createTextNode(` ${p.name}`));
    key.appendChild(li);
  });
  figure.append(caption, svg, key);
  return figure;
}

/**
 * An effect with its interval: a horizontal bar from zero to the difference and an error bar from low to
 * high, on an axis symmetric around zero (so the side of zero reads at once); low and high may be null (the
 * bar alone). format: the numbers' format. The values are also written on the chart, so it reads without
 * colour; the aria-label says them in words.
 */
export function effectChart({ title, difference, low, high, format, description }) {
  const width = 320;
  const height = 64;
  const box = { left: 10, right: width - 10, top: 10, bottom: 40 };
  const values = [difference, low, high].filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  const reach = niceMax(Math.max(...values.map((v) => Math.abs(v)), 0));
  const svg = frame(description || title, width, height);
  const xOf = (v) => box.left + ((box.right - box.left) * (v + reach)) / (2 * reach);
  const zero = xOf(0);
  const mid = (box.top + box.bottom) / 2;
  svg.appendChild(s('line', { x1: box.left, x2: box.right, y1: box.bottom + 4, y2: box.bottom + 4, stroke: '#c9d0d8',
    'stroke-width': 1 }));
  [-reach, 0, reach].forEach((v, i) => {
    svg.appendChild(s('text', { x: xOf(v), y: height - 6, 'text-anchor': ['start', 'middle', 'end'][i],
      'font-size': 10, fill: '#4a5563' }, format(v)));
  });
  if (difference !== null && difference !== undefined && Number.isFinite(difference)) {
    const x = Math.min(zero, xOf(difference));
    const length = Math.max(1, Math.abs(xOf(difference) - zero));
    const bar = s('rect', { class: 'effect-bar', x, y: box.top + 6, width: length,
      height: box.bottom - box.top - 12, fill: difference >= 0 ? PALETTE[0] : PALETTE[1] });
    bar.appendChild(s('title', {}, `${title}: ${format(difference)}`));
    svg.appendChild(bar);
  }
  if (Number.isFinite(low) && Number.isFinite(high)) {
    const err = s('g', { class: 'effect-interval', stroke: '#1b1f24', 'stroke-width': 2 },
      s('line', { x1: xOf(low), x2: xOf(high), y1: mid, y2: mid }),
      s('line', { x1: xOf(low), x2: xOf(low), y1: mid - 8, y2: mid + 8 }),
      s('line', { x1: xOf(high), x2: xOf(high), y1: mid - 8, y2: mid + 8 }));
    err.appendChild(s('title', {}, `${format(low)} … ${format(high)}`));
    svg.appendChild(err);
  }
  svg.appendChild(s('line', { x1: zero, x2: zero, y1: box.top - 4, y2: box.bottom + 4, stroke: '#1b1f24',
    'stroke-width': 1, 'stroke-dasharray': '3 2' }));
  const figure = document.createElement('figure');
  figure.className = 'chart-box effect';
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption, svg);
  return figure;
}
