// Where the telescope has pointed, and where the open ESE candidates are.
import {get} from './api.js';
import {throttle, errorLine, fill, h, panel} from './dom.js';
import {skyPlot} from './plot.js';
import {onReconnect, subscribe} from './live.js';
import {sourceLink} from './links.js';

const POINTS = 1000;
const CANDIDATES = 500;

export function render(root) {
  const plot = h('div', {id: 'sky-plot'});
  const summary = h('p', {class: 'muted'});
  fill(root, panel('Sky: pointing history and open ESE candidates', plot, summary,
    h('p', {class: 'muted legend'}, h('span', {class: 'key-pointing'}), ' pointing   ', h('span', {class: 'key-candidate'}),
      ' candidate (size grows with significance; click for its source page)')));

  const load = async () => {
    try {
      const [pointing, candidates] = await Promise.all([
        get('pointing', {max_points: POINTS}),
        get('ese/candidates', {status: 'active', limit: CANDIDATES}),
      ]);
      fill(plot, skyPlot(pointing.points, candidates.candidates,
        (c) => { location.hash = sourceLink(c.source_id); }));
      fill(summary, `${pointing.total} pointings${pointing.every > 1 ? ` (every ${pointing.every}th shown)` : ''}, `,
        `${candidates.total} open candidates${candidates.total > candidates.candidates.length ? ` (strongest ${candidates.candidates.length} shown)` : ''}.`);
    } catch (error) {
      fill(plot, errorLine(error));
    }
  };

  load();
  const refresh = throttle(load, 2000);
  const stops = [
    subscribe('events.products', (event) => event.type === 'pointing' && refresh()),
    subscribe('events.ese', refresh),
    onReconnect(load),
  ];
  return () => stops.forEach((stop) => stop());
}
