// At risk: active members at medium or high churn risk (by default), highest value at risk first.
import { memberList } from './member-list.js';

export default memberList({ route: 'at-risk', nav: 'nav.atRisk', status: 'active' });
