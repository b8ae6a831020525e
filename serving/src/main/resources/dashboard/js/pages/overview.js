// Overview: the programme's KPIs (GET /v1/kpis) as tiles with their change against the period before,
// trend charts, predicted against realized churn, cohort retention curves and the risk distribution
// (members and value at risk by risk band x tier and x segment). Every KPI carries the one-sentence
// definition the KPI job and the API use, in the page's language.
import { ApiError, getJson, problemText, withQuery } from '../api.js';
import { lineChart, stackedBars } from '../charts.js';
import { field, h, replace, select } from '../dom.js';
import { fmt, language, t } from '../i18n.js';

const TIERS = ['basic', 'silver', 'gold', 'platinum'];
const BANDS = ['high', 'medium', 'low'];
const BAND_COLOURS = { high: '#a4161a', medium: '#8a4b00', low: '#1d6b2f' };
/** KPIs where a fall is the good direction (for the words "better" / "worse" beside the arrow). */
const LOWER_IS_BETTER = new Set(['realized_churn_rate', 'predicted_churn_rate', 'value_at_risk', 'points_expired']);
const state = { tier: '', segment: '' };

/** A KPI's value in the page's format, by its kind in the document's definitions. */
export function formatKpi(kind, v) {
  switch (kind) {
    case 'share': return fmt.percent(v);
    case 'money': return fmt.money(v);
    case 'rate': return fmt.number(v, 2);
    default: return fmt.number(v, 0);
  }
}

/** The latest period with a value of the KPI, and the one with a value before it. */
function latest(periods, kpi) {
  const withValue = periods.filter((p) => p.kpis[kpi] !== null && p.kpis[kpi] !== undefined);
  return { now: withValue[withValue.length - 1], before: withValue[withValue.length - 2] };
}

function change(kind, kpi, now, before) {
  if (!now || !before) return h('p', { class: 'tile-change' }, t('overview.noChange'));
  const a = now.kpis[kpi];
  const b = before.kpis[kpi];
  const diff = a - b;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  const arrow = { up: '▲', down: '▼', flat: '▶' }[direction];
  // Shares change in percentage points, everything else in percent of the earlier value.
  const amount = kind === 'share' ? `${fmt.signed(diff * 100, 1)} ${t('overview.pp')}`
    : b === 0 ? '–' : fmt.signed(diff / Math.abs(b), 1, true);
  const good = direction === 'flat' ? null : (direction === 'down') === LOWER_IS_BETTER.has(kpi);
  return h('p', { class: `tile-change ${direction}${good === null ? '' : good ? ' better' : ' worse'}` },
    h('span', { 'aria-hidden': 'true' }, `${arrow} `),
    h('span', { class: 'sr-only' }, `${t(`overview.${direction}`)} `),
    amount, ' ', h('span', { class: 'muted' }, t('overview.vs', { period: before.period })),
    good === null ? null : h('span', { class: 'sr-only' }, ` (${t(good ? 'overview.better' : 'overview.worse')})`));
}

function tiles(doc) {
  const lang = language();
  return h('div', { class: 'tiles', id: 'kpi-tiles' }, Object.entries(doc.definitions).map(([kpi, def]) => {
    const { now, before } = latest(doc.periods, kpi);
    const value = now ? now.kpis[kpi] : null;
    return h('article', { class: 'tile', 'data-kpi': kpi, 'data-value': value === null ? '' : value,
      'data-period': now ? now.period : '' },
    h('h3', {}, t(`kpi.${kpi}`)),
    h('p', { class: 'tile-value' }, formatKpi(def.kind, value)),
    h('p', { class: 'tile-period muted' }, now ? now.period : t('overview.noValue')),
    change(def.kind, kpi, now, before),
    h('p', { class: 'help' }, def[lang] || def.en));
  }));
}

function trend(doc, title, kpis, kind) {
  const labels = doc.periods.map((p) => p.period);
  return lineChart({
    title,
    labels,
    series: kpis.map((k) => ({ name: t(`kpi.${k}`), values: doc.periods.map((p) => p.kpis[k]) })),
    format: (v) => formatKpi(kind, v),
  });
}

function cohorts(doc) {
  const recent = (doc.cohorts || []).filter((c) => c.size > 0).slice(-6);
  if (!recent.length) return h('p', {}, t('overview.noCohorts'));
  const months = Math.max(...recent.map((c) => c.retention.length));
  return lineChart({
    title: t('overview.cohortsTitle'),
    labels: Array.from({ length: months }, (_, i) => String(i)),
    series: recent.map((c) => ({ name: t('overview.cohort', { cohort: c.cohort, size: fmt.number(c.size, 0) }),
      values: Array.from({ length: months }, (_, i) => (i < c.retention.length ? c.retention[i] : null)) })),
    format: (v) => fmt.percent(v),
    max: 1,
  });
}

function distribution(doc, dimension) {
  const cells = (doc.risk_distribution && doc.risk_distribution[`by_${dimension}`]) || [];
  if (!cells.length) return h('p', {}, t('overview.noDistribution'));
  const names = [...new Set(cells.map((c) => c[dimension]))];
  if (dimension === 'tier') names.sort((a, b) => TIERS.indexOf(a) - TIERS.indexOf(b));
  const label = (n) => (dimension === 'tier' ? t(`tier.${n}`) : n);
  const cell = (band, name) => cells.find((c) => c.risk_band === band && c[dimension] === name)
    || { members: 0, value_at_risk: 0 };
  const parts = BANDS.map((b) => ({ name: t(`band.${b}`), colour: BAND_COLOURS[b] }));
  const rows = (measure) => names.map((n) => ({ label: label(n), values: BANDS.map((b) => cell(b, n)[measure]) }));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: `risk-by-${dimension}` },
    h('caption', {}, t(`overview.distributionTable.${dimension}`)),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(`col.${dimension}`)),
      BANDS.flatMap((b) => [
        h('th', { scope: 'col', class: 'num' }, t('overview.membersIn', { band: t(`band.${b}`) })),
        h('th', { scope: 'col', class: 'num' }, t('overview.valueIn', { band: t(`band.${b}`) }))]))),
    h('tbody', {}, names.map((n) => h('tr', {}, h('th', { scope: 'row' }, label(n)),
      BANDS.flatMap((b) => [
        h('td', { class: 'num', 'data-label': t('overview.membersIn', { band: t(`band.${b}`) }) },
          fmt.number(cell(b, n).members, 0)),
        h('td', { class: 'num', 'data-label': t('overview.valueIn', { band: t(`band.${b}`) }) },
          fmt.money(cell(b, n).value_at_risk))]))))));
  return h('div', { class: 'chart-pair' },
    stackedBars({ title: t(`overview.membersBy.${dimension}`), parts, rows: rows('members'),
      format: (v) => fmt.number(v, 0) }),
    stackedBars({ title: t(`overview.valueBy.${dimension}`), parts, rows: rows('value_at_risk'),
      format: (v) => fmt.money(v) }),
    table);
}

function card(title, id, ...children) {
  return h('section', { class: 'card', 'aria-labelledby': `${id}-h`, id },
    h('h2', { id: `${id}-h` }, title), children);
}

function body(doc, whole) {
  return [
    h('p', { class: 'help', id: 'kpi-as-of' }, t('overview.asOf', {
      asOf: fmt.date(doc.as_of), granularity: t(`overview.granularity.${doc.granularity}`),
      model: doc.model_version || t('overview.noModel'), horizon: doc.horizon_days, active: doc.active_days })),
    card(t('overview.tiles'), 'kpi-tiles-card', h('p', { class: 'help' }, t('overview.tilesHelp')), tiles(doc)),
    card(t('overview.trends'), 'kpi-trends', h('div', { class: 'chart-grid' },
      trend(doc, t('overview.trendMembers'), ['active_members', 'new_members'], 'count'),
      trend(doc, t('overview.trendRetention'), ['retention_rate', 'repeat_purchase_rate', 'engagement_rate'], 'share'),
      trend(doc, t('overview.trendValue'), ['average_order_value', 'average_clv'], 'money'),
      trend(doc, t('overview.trendPoints'), ['points_earned', 'points_redeemed', 'points_expired'], 'points'))),
    card(t('overview.churn'), 'kpi-churn',
      h('p', { class: 'help' }, t('overview.churnHelp', { horizon: doc.horizon_days })),
      trend(doc, t('overview.churnTitle'), ['predicted_churn_rate', 'realized_churn_rate'], 'share')),
    card(t('overview.cohorts'), 'kpi-cohorts', h('p', { class: 'help' }, t('overview.cohortsHelp')), cohorts(doc)),
    card(t('overview.distribution'), 'kpi-distribution',
      h('p', { class: 'help' }, t('overview.distributionHelp', { asOf: fmt.date(whole.as_of) })),
      h('h3', {}, t('overview.byTier')), distribution(whole, 'tier'),
      h('h3', {}, t('overview.bySegment')), distribution(whole, 'segment')),
  ];
}

export default {
  route: 'overview',
  nav: 'nav.overview',
  async render(container) {
    container.append(h('h1', {}, t('overview.title')));
    const status = h('p', { role: 'status', class: 'status', id: 'overview-status' }, t('list.loading'));
    container.append(status);
    let whole;
    try {
      whole = await getJson('/v1/kpis');
    } catch (e) {
      const missing = e instanceof ApiError && e.status === 404;
      replace(status, missing ? t('overview.notComputed') : '');
      if (!missing) container.append(h('p', { class: 'error', role: 'alert' }, problemText(e)));
      return;
    }
    const segments = [...new Set(((whole.risk_distribution && whole.risk_distribution.by_segment) || [])
      .map((c) => c.segment))].sort();
    if (state.segment && !segments.includes(state.segment)) segments.push(state.segment);
    const tier = select([['', t('filter.all')], ...TIERS.map((x) => [x, t(`tier.${x}`)])], state.tier,
      { id: 'overview-tier' });
    const segment = select([['', t('filter.all')], ...segments.map((x) => [x, x])], state.segment,
      { id: 'overview-segment' });
    const content = h('div', { id: 'overview-content' });
    const show = async () => {
      state.tier = tier.value;
      state.segment = segment.value;
      if (!state.tier && !state.segment) {
        replace(status, '');
        replace(content, body(whole, whole));
        return;
      }
      replace(status, t('list.loading'));
      try {
        const doc = await getJson(withQuery('/v1/kpis', { tier: state.tier, segment: state.segment }));
        replace(status, '');
        replace(content, body(doc, whole));
      } catch (e) {
        // A tier or segment without members is a 404: nothing to show, not a failure.
        if (e instanceof ApiError && e.status === 404) {
          replace(status, '');
          replace(content, h('p', { class: 'card', id: 'overview-no-members' }, t('overview.noMembers')));
        } else {
          replace(status, '');
          replace(content, h('p', { class: 'error', role: 'alert' }, problemText(e)));
        }
      }
    };
    tier.addEventListener('change', show);
    segment.addEventListener('change', show);
    container.append(h('form', { class: 'filters card', role: 'search', id: 'overview-filters',
      onsubmit: (e) => e.preventDefault() },
    field(t('filter.tier'), tier), field(t('filter.segment'), segment)), content);
    await show();
  },
};
