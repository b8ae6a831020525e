// Member page: one member's churn risk with reasons, status, CLV, P(alive), value at risk, the rewards
// ranking the service would give now, the offers it issued the member and the features; export and (admin keys, after a confirmation) erase.
import { download, getBlob, getJson, problemText, remove, segment } from '../api.js';
import { barChart, PALETTE } from '../charts.js';
import { field, h, replace } from '../dom.js';
import { fmt, t } from '../i18n.js';
import { lastRows } from './member-list.js';

function fact(label, value, id) {
  return h('div', {}, h('dt', {}, label), h('dd', { id }, value));
}

async function section(title, id, load) {
  const body = h('div', { id });
  const card = h('section', { class: 'card', 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), body);
  try {
    replace(body, await load());
  } catch (e) {
    replace(body, h('p', { class: 'error', role: 'alert' }, problemText(e)));
  }
  return card;
}

function risk(r, row) {
  const tier = row && row.tier ? t(`tier.${row.tier}`) : '–';
  return [
    h('dl', { class: 'facts' },
      fact(t('member.status'), r.status ? t(`status.${r.status}`) : '–', 'member-status'),
      fact(t('col.churnProbability'), fmt.percent(r.churn_probability), 'member-probability'),
      fact(t('col.band'), r.risk_band ? t(`band.${r.risk_band}`) : '–'),
      fact(t('col.valueAtRisk'), fmt.money(r.value_at_risk)),
      fact(t('col.clv'), fmt.money(r.clv), 'member-clv'),
      fact(t('col.pAlive'), fmt.percent(r.p_alive)),
      fact(t('col.expectedPurchases'), fmt.number(r.expected_purchases_90)),
      fact(t('col.winBackValue'), fmt.money(r.win_back_value)),
      fact(t('col.tier'), tier, 'member-tier'),
      fact(t('member.scoredAt'), fmt.date(r.scored_at))),
    h('h3', {}, t('col.reasons')),
    r.reasons && r.reasons.length ? h('ul', { id: 'member-reasons' }, r.reasons.map((x) => h('li', {}, x)))
      : h('p', {}, t('member.noReasons')),
    r.cold_start ? h('p', { class: 'help' }, t('member.coldStart')) : null,
  ];
}

/** The weekly series the timeline shows: [field, message key, format, colour, a count?]. */
const WEEKLY = [
  ['purchases', 'timeline.purchases', (v) => fmt.number(v, 0), PALETTE[0], true],
  ['spend', 'timeline.spend', (v) => fmt.money(v), PALETTE[2], false],
  ['points_expired', 'timeline.pointsExpired', (v) => fmt.number(v, 0), PALETTE[1], true],
  ['app_sessions', 'timeline.sessions', (v) => fmt.number(v, 0), PALETTE[4], true],
  ['email_opens', 'timeline.emailOpens', (v) => fmt.number(v, 0), PALETTE[5], true],
];

/** Tier progress and one small weekly chart per activity, from GET /v1/customers/{id}/timeline. */
function timeline(tl) {
  const tier = tl.tier || {};
  const needed = tier.spend_to_next_tier;
  const spent = tier.spend_last_365_days;
  const progress = needed === null || needed === undefined
    ? h('p', { id: 'tier-progress-text' }, t('timeline.topTier', { tier: tier.tier ? t(`tier.${tier.tier}`) : '–' }))
    : [h('p', { id: 'tier-progress-text' }, t('timeline.toNext', { tier: t(`tier.${tier.tier}`),
      next: t(`tier.${tier.next_tier}`), needed: fmt.money(needed), spent: fmt.money(spent) })),
    h('progress', { id: 'tier-progress', max: Number(spent) + Number(needed), value: spent,
      'aria-labelledby': 'tier-progress-text' })];
  const weeks = tl.timeline || [];
  const labels = weeks.map((w) => w.week.slice(5));
  return [
    h('dl', { class: 'facts' },
      fact(t('col.tier'), tier.tier ? t(`tier.${tier.tier}`) : '–', 'timeline-tier'),
      fact(t('timeline.nextTier'), tier.next_tier ? t(`tier.${tier.next_tier}`) : '–'),
      fact(t('timeline.spend365'), fmt.money(spent)),
      fact(t('timeline.spendNeeded'), needed === null || needed === undefined ? '–' : fmt.money(needed),
        'timeline-needed'),
      fact(t('timeline.points'), fmt.number(tl.points_balance, 0)),
      fact(t('timeline.lastPurchase'), fmt.date(tl.last_purchase_date))),
    progress,
    h('p', { class: 'help' }, t('timeline.help', { weeks: weeks.length, asOf: fmt.date(tl.as_of) })),
    h('div', { class: 'chart-grid', id: 'member-timeline-charts' },
      WEEKLY.map(([key, label, format, colour, integer]) => barChart({
        title: t(label), labels, values: weeks.map((w) => w[key] || 0), format, colour, integer }))),
  ];
}

function rewards(r) {
  if (!r.rewards.length) return h('p', {}, t('member.noRewards'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: 'member-rewards' },
    h('thead', {}, h('tr', {}, ['#', t('reward.offer'), t('reward.kind'), t('reward.probability'),
      t('reward.expectedValue'), t('reward.why')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, r.rewards.map((w) => h('tr', {},
      h('td', { 'data-label': '#' }, w.position),
      h('td', { 'data-label': t('reward.offer') }, w.offer_id),
      h('td', { 'data-label': t('reward.kind') }, w.kind),
      h('td', { class: 'num', 'data-label': t('reward.probability') }, fmt.percent(w.probability)),
      h('td', { class: 'num', 'data-label': t('reward.expectedValue') }, fmt.money(w.expected_value)),
      h('td', { 'data-label': t('reward.why') }, h('ul', {}, (w.explanation || []).map((x) => h('li', {}, x)))))))));
}

/** The offers the service issued the member: offers_issued of GET /v1/customers/{id}/timeline. */
function offersIssued(tl) {
  const issued = tl.offers_issued || [];
  if (!issued.length) return h('p', { id: 'member-no-offers-issued' }, t('member.noOffersIssued'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'rows', id: 'member-offers-issued' },
    h('thead', {}, h('tr', {}, [t('reward.offer'), t('reward.kind'), t('issued.category'), t('issued.times')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, issued.map((o) => h('tr', {},
      h('td', { 'data-label': t('reward.offer') }, o.offer_id),
      h('td', { 'data-label': t('reward.kind') }, o.kind || '–'),
      h('td', { 'data-label': t('issued.category') }, o.category || '–'),
      h('td', { class: 'num', 'data-label': t('issued.times') }, fmt.number(o.times_issued, 0)))))));
}

function features(f) {
  const entries = Object.entries(f.features || {});
  return h('details', {}, h('summary', {}, t('member.featuresShow', { count: entries.length })),
    h('table', {}, h('tbody', {}, entries.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k),
      h('td', { class: 'num' }, fmt.number(v, 4)))))));
}

function eraseDialog(id, onErased, status) {
  const dialog = h('dialog', { id: 'erase-dialog', 'aria-labelledby': 'erase-title' },
    h('h2', { id: 'erase-title' }, t('member.eraseTitle')),
    h('p', {}, t('member.eraseConfirm', { id })),
    h('form', { method: 'dialog', class: 'actions' },
      h('button', { value: 'cancel', class: 'secondary', id: 'erase-cancel' }, t('member.cancel')),
      h('button', { value: 'erase', class: 'danger', id: 'erase-confirm' }, t('member.eraseYes'))));
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'erase') return;
    try {
      await remove(`/v1/customers/${segment(id)}`);
      status.textContent = t('member.erased', { id });
      onErased();
    } catch (e) {
      status.textContent = problemText(e);
    }
    dialog.remove();
  });
  return dialog;
}

export default {
  route: 'member',
  nav: 'nav.member',
  async render(container, ctx, arg) {
    const input = h('input', { id: 'member-id', value: arg || '', maxlength: 200, autocomplete: 'off',
      spellcheck: 'false', required: true });
    const form = h('form', { class: 'search card', role: 'search' }, field(t('member.search'), input),
      h('button', { type: 'submit' }, t('member.open')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (input.value.trim()) ctx.go('member', input.value.trim());
    });
    container.append(h('h1', {}, t('nav.member.title')), form);
    if (!arg) {
      container.append(h('p', { class: 'help' }, t('member.hint')));
      return;
    }
    const id = arg;
    const base = `/v1/customers/${segment(id)}`;
    const status = h('p', { class: 'status', role: 'status', id: 'member-action-status' });
    const actions = h('div', { class: 'card actions' },
      h('h2', {}, id),
      ctx.admin ? h('button', { type: 'button', class: 'secondary', id: 'member-export',
        onclick: async () => {
          try {
            download(await getBlob(`${base}/export`, 'application/json'), `member-${id}.json`);
            status.textContent = t('member.exported');
          } catch (e) {
            status.textContent = problemText(e);
          }
        } }, t('member.export')) : null,
      ctx.admin ? h('button', { type: 'button', class: 'danger', id: 'member-erase',
        onclick: () => {
          const dialog = eraseDialog(id, () => ctx.go('member', id), status);
          container.append(dialog);
          dialog.showModal();
        } }, t('member.erase')) : h('p', { class: 'help' }, t('member.adminOnly')),
      status);
    container.append(actions);
    // One timeline read serves the tier, the activity and the offers issued. The tier is the state's
    // now (the timeline's), not a list row's, which may be older or, opened by id, missing.
    const tl = getJson(`${base}/timeline`);
    tl.catch(() => {});
    const row = await tl.then((x) => x.tier, () => lastRows.get(id));
    container.append(
      await section(t('member.risk'), 'member-risk', async () => risk(await getJson(`${base}/churn-risk`), row)),
      await section(t('member.timeline'), 'member-timeline', async () => timeline(await tl)),
      await section(t('member.offersIssued'), 'member-offers-issued-section', async () => offersIssued(await tl)),
      await section(t('member.rewards'), 'member-rewards-section',
        async () => rewards(await getJson(`${base}/rewards:preview`))),
      await section(t('member.features'), 'member-features', async () => features(await getJson(`${base}/features`))));
  },
};
