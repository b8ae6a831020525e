// Overview: the programme's KPIs (GET /v1/kpis). A placeholder until the KPI tiles and charts arrive.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default {
  route: 'overview',
  nav: 'nav.overview',
  render(container) {
    container.append(
      h('h1', {}, t('overview.title')),
      h('p', { class: 'placeholder card' }, t('overview.placeholder')),
    );
  },
};
