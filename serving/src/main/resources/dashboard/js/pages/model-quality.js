// Model quality: model versions, metrics against baselines, calibration, the targeting simulator.
// A placeholder until that page arrives.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default {
  route: 'model-quality',
  nav: 'nav.modelQuality',
  render(container) {
    container.append(
      h('h1', {}, t('modelQuality.title')),
      h('p', { class: 'placeholder card' }, t('modelQuality.placeholder')),
    );
  },
};
