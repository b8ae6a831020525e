// The pages in navigation order. Each is its own module exporting
// { route, nav (message key of its name), adminOnly?, render(container, ctx, arg) }:
// a page fills its container and reads the signed-in session from ctx; arg is the rest of the route.
import overview from './overview.js';
import atRisk from './at-risk.js';
import winBack from './win-back.js';
import member from './member.js';
import modelQuality from './model-quality.js';
import uplift from './uplift.js';

export const pages = [overview, atRisk, winBack, member, modelQuality, uplift];
