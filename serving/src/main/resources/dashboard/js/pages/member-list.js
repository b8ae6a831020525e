// The at-risk and win-back lists over GET /v1/at-risk: filters, sortable columns (the orders the API
// has), cursor paging and an export of exactly the filtered rows (the same query with Accept: text/csv).
import { download, getBlob, getJson, problemText, withQuery } from '../api.js';
import { field, h, replace, select } from '../dom.js';
import { fmt, language, t } from '../i18n.js';

/** Rows last shown, by member id: the member page shows a listed member's tier and segment from them. */
export const lastRows = new Map();

const TIERS = ['basic', 'silver', 'gold', 'platinum'];

function bandCell(band) {
  return band ? h('span', { class: `band-${band}` }, t(`band.${band}`)) : '–';
}

/** The retention offer batch scoring picked: its id and P(redeem), the explanation as its title. */
function offerCell(offer) {
  if (!offer) return '–';
  return h('span', { class: 'retention-offer', title: (offer.why || []).join('; ') },
    `${offer.offer_id} (${fmt.percent(offer.probability)})`);
}

function reasons(list) {
  return list && list.length ? h('ul', {}, list.map((r) => h('li', {}, r))) : '–';
}

/**
 * A list page.
 * @param options.route the route; options.nav its message key; options.status 'active' or 'lapsed'
 */
export function memberList(options) {
  const active = options.status === 'active';
  // The columns: [message key, value of a row, numeric?, the API sort it orders by].
  const columns = active
    ? [
      ['col.customer', (r, ctx) => memberLink(r, ctx), false],
      ['col.band', (r) => bandCell(r.risk_band), false],
      ['col.churnProbability', (r) => fmt.percent(r.churn_probability), true, 'churn_probability'],
      ['col.valueAtRisk', (r) => fmt.money(r.value_at_risk), true, 'value_at_risk'],
      ['col.clv', (r) => fmt.money(r.clv), true],
      ['col.pAlive', (r) => fmt.percent(r.p_alive), true],
      ['col.tier', (r) => (r.tier ? t(`tier.${r.tier}`) : '–'), false],
      ['col.segment', (r) => r.segment || '–', false],
      ['col.reasons', (r) => reasons(r.reasons), false],
      ['col.retentionOffer', (r) => offerCell(r.retention_offer), false],
    ]
    : [
      ['col.customer', (r, ctx) => memberLink(r, ctx), false],
      ['col.winBackValue', (r) => fmt.money(r.win_back_value), true, 'win_back_value'],
      ['col.pAlive', (r) => fmt.percent(r.p_alive), true],
      ['col.expectedPurchases', (r) => fmt.number(r.expected_purchases_90), true],
      ['col.clv', (r) => fmt.money(r.clv), true],
      ['col.tier', (r) => (r.tier ? t(`tier.${r.tier}`) : '–'), false],
      ['col.segment', (r) => r.segment || '–', false],
      ['col.reasons', (r) => reasons(r.reasons), false],
    ];
  // Filters survive language switches and page changes while the tab lives.
  const state = {
    filters: { risk_band: '', tier: '', segment: '', min_value_at_risk: '', min_clv: '', limit: '25' },
    sort: active ? 'value_at_risk' : 'win_back_value',
    cursors: [null],
  };

  function memberLink(row, ctx) {
    return h('a', { href: `#/member/${encodeURIComponent(row.customer_id)}`,
      onclick: (e) => { e.preventDefault(); ctx.go('member', row.customer_id); } }, row.customer_id);
  }

  /** The API filters of the current state (no cursor, no limit): the export uses exactly these. */
  function query() {
    const f = state.filters;
    const q = { tier: f.tier, segment: f.segment.trim(), min_clv: f.min_clv };
    if (active) {
      Object.assign(q, { risk_band: f.risk_band, min_value_at_risk: f.min_value_at_risk, sort: state.sort });
    } else {
      q.status = 'lapsed';
    }
    return q;
  }

  function filterForm(reload) {
    const f = state.filters;
    const band = select([['', t('filter.bandDefault')], ['high', t('band.high')], ['medium', t('band.medium')],
      ['low', t('band.low')], ['low,medium,high', t('filter.bandAll')]], f.risk_band, { name: 'risk_band' });
    const tier = select([['', t('filter.all')], ...TIERS.map((x) => [x, t(`tier.${x}`)])], f.tier, { name: 'tier' });
    const segment = h('input', { name: 'segment', value: f.segment, maxlength: 64, autocomplete: 'off' });
    const minValue = h('input', { name: 'min_value_at_risk', type: 'number', min: 0, step: '0.01',
      inputmode: 'decimal', value: f.min_value_at_risk });
    const minClv = h('input', { name: 'min_clv', type: 'number', min: 0, step: '0.01', inputmode: 'decimal',
      value: f.min_clv });
    const limit = select([['25', '25'], ['50', '50'], ['100', '100']], f.limit, { name: 'limit' });
    const form = h('form', { class: 'filters card', 'aria-label': t('filter.title') },
      active ? field(t('filter.band'), band) : null,
      field(t('filter.tier'), tier),
      field(t('filter.segment'), segment),
      active ? field(t('filter.minValueAtRisk'), minValue) : null,
      field(t('filter.minClv'), minClv),
      field(t('filter.pageSize'), limit),
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, t('filter.apply')),
        h('button', { type: 'button', class: 'secondary', id: `${options.route}-export`, onclick: exportCsv },
          t('list.export'))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      for (const k of Object.keys(state.filters)) {
        if (data.has(k)) state.filters[k] = String(data.get(k));
      }
      state.cursors = [null];
      reload();
    });
    return form;
  }

  let statusLine;

  async function exportCsv() {
    statusLine.textContent = t('list.exporting');
    try {
      // The page's language picks the CSV's form: German uses ';', decimal commas and a byte order mark.
      const blob = await getBlob(withQuery('/v1/at-risk', { ...query(), locale: language() }), 'text/csv');
      const day = new Date().toISOString().slice(0, 10);
      download(blob, `${options.route}-${day}-${language()}.csv`);
      statusLine.textContent = t('list.exported');
    } catch (e) {
      statusLine.textContent = problemText(e);
    }
  }

  function table(rows, ctx, reload) {
    const head = h('tr', {}, columns.map(([key, , numeric, sort]) => {
      const label = t(key);
      if (!sort) return h('th', { scope: 'col', class: numeric ? 'num' : null }, label);
      const current = state.sort === sort;
      return h('th', { scope: 'col', class: numeric ? 'num' : null, 'aria-sort': current ? 'descending' : 'none' },
        h('button', { type: 'button', class: 'sort', 'data-sort': sort,
          title: t('list.sortBy', { column: label }),
          onclick: () => { state.sort = sort; state.cursors = [null]; reload(); } },
        label, current ? ' ▼' : ''));
    }));
    const body = rows.map((r) => h('tr', { 'data-id': r.customer_id },
      columns.map(([key, value, numeric]) => h('td', { class: numeric ? 'num' : null, 'data-label': t(key) },
        value(r, ctx)))));
    return h('div', { class: 'table-wrap' },
      h('table', { class: 'rows', id: `${options.route}-table` },
        h('caption', {}, t(`${options.nav}.caption`)),
        h('thead', {}, head), h('tbody', {}, body)));
  }

  return {
    route: options.route,
    nav: options.nav,
    async render(container, ctx) {
      const results = h('div', { 'aria-live': 'polite' });
      statusLine = h('p', { class: 'status', role: 'status', id: `${options.route}-status` });
      const reload = async () => {
        statusLine.textContent = t('list.loading');
        const cursor = state.cursors[state.cursors.length - 1];
        try {
          const page = await getJson(withQuery('/v1/at-risk', { ...query(), limit: state.filters.limit, cursor }));
          page.rows.forEach((r) => lastRows.set(r.customer_id, r));
          const pageNo = state.cursors.length;
          const pager = h('div', { class: 'pager' },
            h('button', { type: 'button', class: 'secondary', disabled: pageNo === 1,
              onclick: () => { state.cursors.pop(); reload(); } }, t('list.previous')),
            h('span', {}, t('list.page', { page: pageNo })),
            h('button', { type: 'button', class: 'secondary', disabled: !page.next_cursor,
              onclick: () => { state.cursors.push(page.next_cursor); reload(); } }, t('list.next')));
          replace(results, page.rows.length ? table(page.rows, ctx, reload) : h('p', {}, t('list.empty')), pager);
          statusLine.textContent = t('list.shown', { count: page.rows.length });
        } catch (e) {
          replace(results);
          statusLine.textContent = problemText(e);
        }
      };
      container.append(h('h1', {}, t(`${options.nav}.title`)), h('p', { class: 'help' }, t(`${options.nav}.help`)),
        filterForm(reload), statusLine, results);
      await reload();
    },
  };
}
