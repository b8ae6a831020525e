// Model quality (GET /v1/models/quality): the served churn and offer model versions, their metrics beside
// the baselines measured on the same validation rows, the change against the version registered before,
// the calibration table, and the targeting simulator over the churn bundle's targeting table: "contact the
// top X% of active members" in either order, with the churners reached, false alarms and value at risk covered.
import { getJson, problemText } from '../api.js';
import { lineChart } from '../charts.js';
import { h, replace } from '../dom.js';
import { fmt, t } from '../i18n.js';

const METRICS = ['auc', 'pr_auc', 'log_loss', 'brier', 'lift_top_decile'];
const LOWER_IS_BETTER = new Set(['log_loss', 'brier']);
const ORDERS = ['value_at_risk', 'churn_probability'];
let chosenOrder = 'value_at_risk';
let chosenPercent = 10;

function fact(label, value, id) {
  return h('div', {}, h('dt', {}, label), h('dd', { id }, value));
}

function metricsTable(kind, q) {
  const m = q.metrics || {};
  const baselines = Object.entries(m.baselines || {}).filter(([, b]) => b && typeof b === 'object');
  const names = METRICS.filter((k) => m[k] !== undefined);
  if (!names.length) return h('p', {}, t('quality.noMetrics'));
  const prev = q.previous_metrics || {};
  const changes = q.changes || {};
  const changeCell = (k) => {
    const d = changes[k];
    if (d === null || d === undefined) return '–';
    const better = d === 0 ? null : (d < 0) === LOWER_IS_BETTER.has(k);
    return h('span', { class: better === null ? '' : better ? 'better' : 'worse' },
      fmt.signed(d, 4), better === null ? '' : ` (${t(better ? 'overview.better' : 'overview.worse')})`);
  };
  return h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: `${kind}-metrics` },
    h('caption', {}, t('quality.metricsCaption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('quality.metric')),
      h('th', { scope: 'col', class: 'num' }, t('quality.model')),
      baselines.map(([name]) => h('th', { scope: 'col', class: 'num' }, t('quality.baseline', { name }))),
      h('th', { scope: 'col', class: 'num' }, t('quality.previous')),
      h('th', { scope: 'col', class: 'num' }, t('quality.change')))),
    h('tbody', {}, names.map((k) => h('tr', { 'data-metric': k },
      h('th', { scope: 'row' }, h('abbr', { title: t(`metric.${k}.help`) }, t(`metric.${k}`))),
      h('td', { class: 'num', 'data-label': t('quality.model') }, fmt.number(m[k], 4)),
      baselines.map(([name, b]) => h('td', { class: 'num', 'data-label': t('quality.baseline', { name }) },
        fmt.number(b[k], 4))),
      h('td', { class: 'num', 'data-label': t('quality.previous') }, fmt.number(prev[k], 4)),
      h('td', { class: 'num', 'data-label': t('quality.change') }, changeCell(k)))))),
  h('p', { class: 'help' }, t('quality.metricsHelp')));
}

function population(m) {
  const p = m && m.population;
  if (!p) return null;
  return h('p', { class: 'help', id: 'churn-population' }, t('quality.population', {
    active: fmt.number(p.active, 0), lapsed: fmt.number(p.lapsed, 0), never: fmt.number(p.never_purchased, 0),
    rows: fmt.number(m.n_valid, 0), cutoff: m.validation_cutoff || '–', horizon: m.horizon_days || '–' }));
}

function calibration(c) {
  if (!c || !c.after || !Array.isArray(c.after.bins)) return h('p', {}, t('quality.noCalibration'));
  const bins = c.after.bins;
  return [
    h('p', { class: 'help' }, t('quality.calibrationHelp', {
      before: fmt.number(c.before ? c.before.expected_calibration_error : null, 4),
      after: fmt.number(c.after.expected_calibration_error, 4) })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: 'calibration-table' },
      h('thead', {}, h('tr', {}, ['quality.bin', 'quality.rows', 'quality.predicted', 'quality.observed']
        .map((k) => h('th', { scope: 'col', class: k === 'quality.bin' ? '' : 'num' }, t(k))))),
      h('tbody', {}, bins.map((b) => h('tr', {},
        h('td', { 'data-label': t('quality.bin') }, `${fmt.percent(b.lower)} – ${fmt.percent(b.upper)}`),
        h('td', { class: 'num', 'data-label': t('quality.rows') }, fmt.number(b.count, 0)),
        h('td', { class: 'num', 'data-label': t('quality.predicted') }, fmt.percent(b.mean_predicted)),
        h('td', { class: 'num', 'data-label': t('quality.observed') }, fmt.percent(b.observed_rate))))))),
  ];
}

function share(part, whole) {
  return whole ? part / whole : null;
}

/** The simulator over targeting.json: a slider for X%, a switch between the two orders, the figures. */
function simulator(tg) {
  if (!tg || !tg.orders) return h('p', {}, t('quality.noTargeting'));
  const stepAt = (order, percent) => (tg.orders[order] || []).find((s) => s.percent === percent);
  const slider = h('input', { type: 'range', id: 'sim-percent', min: 1, max: 100, step: 1, value: chosenPercent,
    'aria-describedby': 'sim-help' });
  const label = h('label', { for: 'sim-percent', id: 'sim-label' });
  const radios = ORDERS.map((o) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name: 'sim-order', value: o, id: `sim-order-${o}`, checked: o === chosenOrder }),
    ` ${t(`quality.order.${o}`)}`));
  const out = (id) => h('output', { id, for: 'sim-percent' });
  const figures = {
    contacted: out('sim-contacted'),
    churners: out('sim-churners'),
    falseAlarms: out('sim-false-alarms'),
    value: out('sim-value'),
  };
  const compare = h('p', { id: 'sim-compare', 'aria-live': 'polite' });
  const update = () => {
    chosenPercent = Number(slider.value);
    chosenOrder = radios.map((r) => r.querySelector('input')).find((r) => r.checked).value;
    label.textContent = t('quality.simLabel', { percent: chosenPercent });
    const s = stepAt(chosenOrder, chosenPercent);
    if (!s) return;
    figures.contacted.textContent = fmt.number(s.contacted, 0);
    figures.churners.textContent = t('quality.simChurners', { count: fmt.number(s.churners_reached, 1),
      precision: fmt.percent(share(s.churners_reached, s.contacted)),
      recall: fmt.percent(share(s.churners_reached, tg.churners)) });
    figures.falseAlarms.textContent = t('quality.simFalseAlarms', { count: fmt.number(s.false_alarms, 1),
      share: fmt.percent(share(s.false_alarms, s.contacted)) });
    figures.value.textContent = t('quality.simValue', { amount: fmt.money(s.value_at_risk_covered),
      share: fmt.percent(share(s.value_at_risk_covered, tg.value_at_risk)) });
    const v = stepAt('value_at_risk', chosenPercent);
    const p = stepAt('churn_probability', chosenPercent);
    compare.textContent = v && p ? t('quality.simCompare', { percent: chosenPercent,
      pPrecision: fmt.percent(share(p.churners_reached, p.contacted)),
      pValue: fmt.percent(share(p.value_at_risk_covered, tg.value_at_risk)),
      vPrecision: fmt.percent(share(v.churners_reached, v.contacted)),
      vValue: fmt.percent(share(v.value_at_risk_covered, tg.value_at_risk)) }) : '';
  };
  slider.addEventListener('input', update);
  radios.forEach((r) => r.querySelector('input').addEventListener('change', update));
  const percents = (tg.orders.value_at_risk || []).map((s) => s.percent);
  const valueShare = (s) => share(s.value_at_risk_covered, tg.value_at_risk);
  const churnerShare = (s) => share(s.churners_reached, tg.churners);
  const curve = (order, f) => percents.map((x) => { const s = stepAt(order, x); return s ? f(s) : null; });
  const chart = lineChart({
    title: t('quality.simChart'),
    labels: percents.map((x) => `${x}%`),
    series: [
      ['valueByValue', 'value_at_risk', valueShare],
      ['valueByProbability', 'churn_probability', valueShare],
      ['churnersByValue', 'value_at_risk', churnerShare],
      ['churnersByProbability', 'churn_probability', churnerShare],
    ].map(([name, order, f]) => ({ name: t(`quality.curve.${name}`), values: curve(order, f) })),
    format: (x) => fmt.percent(x),
    max: 1,
  });
  const box = h('div', { id: 'simulator' },
    h('p', { class: 'help', id: 'sim-help' }, t('quality.simHelp', { members: fmt.number(tg.members, 0),
      churners: fmt.number(tg.churners, 0), value: fmt.money(tg.value_at_risk), cutoff: tg.validation_cutoff || '–',
      horizon: tg.horizon_days || '–' })),
    h('p', { class: 'help' }, t('quality.ordersHelp')),
    h('div', { class: 'sim-controls' },
      h('div', { class: 'field' }, label, slider),
      h('fieldset', {}, h('legend', {}, t('quality.order')), radios)),
    h('dl', { class: 'facts', 'aria-live': 'polite' },
      fact(t('quality.simContacted'), figures.contacted),
      fact(t('quality.simChurnersReached'), figures.churners),
      fact(t('quality.simFalseAlarmsLabel'), figures.falseAlarms),
      fact(t('quality.simValueCovered'), figures.value)),
    compare, chart);
  update();
  return box;
}

function modelCard(kind, q) {
  const id = `quality-${kind}`;
  if (!q || !q.version) {
    return h('section', { class: 'card', id }, h('h2', {}, t(`quality.kind.${kind}`)),
      h('p', {}, t('quality.noModel')));
  }
  const m = q.metrics || {};
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, t(`quality.kind.${kind}`)),
    h('dl', { class: 'facts' },
      fact(t('quality.version'), q.version, `${kind}-version`),
      fact(t('quality.previousVersion'), q.previous_version || t('quality.none'), `${kind}-previous`),
      m.chosen_model ? fact(t('quality.chosen'), m.chosen_model) : null,
      m.validation_cutoff ? fact(t('quality.cutoff'), m.validation_cutoff) : null),
    population(m),
    h('h3', {}, t('quality.metrics')),
    metricsTable(kind, q),
    kind === 'churn' ? [h('h3', {}, t('quality.calibration')), calibration(q.calibration)] : null);
}

export default {
  route: 'model-quality',
  nav: 'nav.modelQuality',
  async render(container) {
    container.append(h('h1', {}, t('modelQuality.title')));
    const status = h('p', { role: 'status', class: 'status' }, t('list.loading'));
    container.append(status);
    let q;
    try {
      q = await getJson('/v1/models/quality');
    } catch (e) {
      replace(status, '');
      container.append(h('p', { class: 'error', role: 'alert' }, problemText(e)));
      return;
    }
    replace(status, '');
    container.append(
      h('section', { class: 'card', id: 'quality-simulator', 'aria-labelledby': 'sim-h' },
        h('h2', { id: 'sim-h' }, t('quality.simulator')), simulator(q.churn && q.churn.targeting)),
      modelCard('churn', q.churn),
      modelCard('offers', q.offers));
  },
};
