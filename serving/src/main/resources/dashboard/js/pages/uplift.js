// Uplift (GET /v1/uplift): what the contacts achieved, as ./treue uplift measured it against the held-out
// control group: the two groups, each metric's difference with its 95% interval (a bar with an error bar)
// and the verdict in words, for all members and per trigger kind. Without a stored result, how to compute one.
import { ApiError, getJson, problemText } from '../api.js';
import { effectChart } from '../charts.js';
import { h, replace } from '../dom.js';
import { fmt, t } from '../i18n.js';

const METRICS = ['retention', 'purchases', 'spend'];
const COMMAND = './treue uplift --data DIR --from DATE --to DATE --holdout-share S --salt X --redis URL --tenant T';

function level(metric, v) {
  if (metric === 'retention') return fmt.percent(v);
  return metric === 'spend' ? fmt.money(v) : fmt.number(v, 2);
}

/** A difference: percentage points for retention, money for spend, purchases per member otherwise. */
function change(metric, v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (metric === 'retention') return `${fmt.signed(v * 100, 1)} ${t('overview.pp')}`;
  if (metric === 'spend') return `${v > 0 ? '+' : ''}${fmt.money(v)}`;
  return fmt.signed(v, 2);
}

/** The size of a difference, without its sign (the sentence says better or worse). */
function magnitude(metric, v) {
  const a = Math.abs(v);
  if (metric === 'retention') return `${fmt.fixed(a * 100, 1)} ${t('overview.pp')}`;
  return metric === 'spend' ? fmt.money(a) : fmt.fixed(a, 2);
}

function groups(doc) {
  const row = (name, arm) => h('tr', { 'data-group': name },
    h('th', { scope: 'row' }, t(`uplift.group.${name}`)),
    h('td', { class: 'num', 'data-label': t('uplift.members') }, fmt.number(arm.members, 0)),
    h('td', { class: 'num', 'data-label': t('uplift.contacted') },
      fmt.percent(arm.members ? arm.contacted / arm.members : null)));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'rows uplift-groups' },
    h('caption', {}, t('uplift.groups')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('uplift.group')),
      h('th', { scope: 'col', class: 'num' }, t('uplift.members')),
      h('th', { scope: 'col', class: 'num' }, t('uplift.contacted')))),
    h('tbody', {}, row('treated', doc.treated || {}), row('held_out', doc.held_out || {}))));
}

function metricRow(m) {
  const interval = Number.isFinite(m.low) && Number.isFinite(m.high)
    ? `${change(m.metric, m.low)} … ${change(m.metric, m.high)}` : '–';
  return h('tr', { 'data-metric': m.metric, 'data-verdict': m.verdict, 'data-difference': m.difference,
    'data-low': m.low, 'data-high': m.high },
  h('th', { scope: 'row' }, t(`uplift.metric.${m.metric}`)),
  h('td', { class: 'num', 'data-label': t('uplift.group.treated') }, level(m.metric, m.treated)),
  h('td', { class: 'num', 'data-label': t('uplift.group.held_out') }, level(m.metric, m.held_out)),
  h('td', { class: 'num', 'data-label': t('uplift.difference') }, change(m.metric, m.difference)),
  h('td', { class: 'num', 'data-label': t('uplift.interval') }, interval),
  h('td', { class: `verdict verdict-${m.verdict}`, 'data-label': t('uplift.verdict') },
    t(`uplift.verdict.${m.verdict}`)));
}

function charts(metrics) {
  return h('div', { class: 'effects' }, metrics.map((m) => {
    const name = t(`uplift.metric.${m.metric}`);
    const format = (v) => change(m.metric, v);
    return effectChart({ title: name, difference: m.difference, low: m.low, high: m.high, format,
      description: t('uplift.chartLabel', { metric: name, difference: format(m.difference),
        low: format(m.low), high: format(m.high), verdict: t(`uplift.verdict.${m.verdict}`) }) });
  }));
}

/** One comparison: the groups, the metrics table, a chart per metric, the verdict in a sentence, notes. */
function comparison(id, title, help, part) {
  const metrics = (part.metrics || []).filter((m) => METRICS.includes(m.metric));
  const treated = (part.treated || {}).members || 0;
  const held = (part.held_out || {}).members || 0;
  const section = h('section', { class: 'card uplift', id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, title), help ? h('p', { class: 'help' }, help) : null);
  if (!treated && !held) {
    section.append(h('p', { class: 'uplift-none' }, t('uplift.noFirings')));
    return section;
  }
  const verdicts = new Set(metrics.map((m) => m.verdict));
  const summary = verdicts.has('too_small') ? t('uplift.summary.too_small', { treated, held })
    : verdicts.has('higher') || verdicts.has('lower')
      ? metrics.filter((m) => m.verdict === 'higher' || m.verdict === 'lower')
        .map((m) => t(`uplift.summary.${m.verdict}`, { metric: t(`uplift.metric.${m.metric}`),
          difference: magnitude(m.metric, m.difference) })).join(' ')
      : t('uplift.summary.no_difference');
  section.append(
    groups(part),
    h('div', { class: 'table-wrap' }, h('table', { class: 'rows uplift-metrics' },
      h('caption', {}, t('uplift.metrics')),
      h('thead', {}, h('tr', {}, ['uplift.metric', 'uplift.group.treated', 'uplift.group.held_out',
        'uplift.difference', 'uplift.interval', 'uplift.verdict']
        .map((k, i) => h('th', { scope: 'col', class: i > 0 && i < 5 ? 'num' : '' }, t(k))))),
      h('tbody', {}, metrics.map(metricRow)))),
    charts(metrics),
    h('p', { class: 'uplift-summary' }, summary),
    (part.warnings || []).length ? h('ul', { class: 'help uplift-notes', lang: 'en' },
      part.warnings.map((w) => h('li', {}, w))) : null);
  return section;
}

export default {
  route: 'uplift',
  nav: 'nav.uplift',
  async render(container) {
    container.append(h('h1', {}, t('uplift.title')));
    const status = h('p', { role: 'status', class: 'status', id: 'uplift-status' }, t('list.loading'));
    container.append(status);
    let doc;
    try {
      doc = await getJson('/v1/uplift');
    } catch (e) {
      replace(status, '');
      if (e instanceof ApiError && e.status === 404) {
        container.append(h('section', { class: 'card', id: 'uplift-empty' },
          h('p', {}, t('uplift.notComputed')), h('pre', {}, h('code', {}, COMMAND)),
          h('p', { class: 'help' }, t('uplift.notComputedHelp'))));
      } else {
        container.append(h('p', { class: 'error', role: 'alert' }, problemText(e)));
      }
      return;
    }
    replace(status, '');
    container.append(
      h('p', { class: 'help', id: 'uplift-period' }, t('uplift.period', { from: fmt.date(doc.from),
        to: fmt.date(doc.to), horizon: doc.horizon_days, share: fmt.percent(doc.holdout_share) })),
      h('p', { class: 'help' }, t('uplift.howToRead')),
      comparison('uplift-overall', t('uplift.overall'), t('uplift.overallHelp', { end: fmt.date(doc.outcome_end) }),
        doc),
      ...(doc.triggers || []).map((k) => {
        const section = comparison(`uplift-${k.trigger}`, t(`trigger.${k.trigger}`),
          t('uplift.triggerHelp', { horizon: doc.horizon_days }), k);
        section.dataset.trigger = k.trigger;
        return section;
      }));
  },
};
