// Win-back: lapsed members, highest win-back value (P(alive) x CLV) first.
import { memberList } from './member-list.js';

export default memberList({ route: 'win-back', nav: 'nav.winBack', status: 'lapsed' });
