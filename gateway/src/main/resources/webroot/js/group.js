// One observation group: its state, subband files, timing metrics and the worker holding it; an operator can
// send a failed group back to the queue.
import {get, write} from './api.js';
import {ago, badge, errorLine, fill, fixed, h, panel, scroller, throttle, utc, unixToDate} from './dom.js';
import {onReconnect, subscribe} from './live.js';
import {withToken} from './token.js';

const METRICS = [
  ['conversion_time', 'conversion'], ['concat_time', 'concatenation'], ['k_solve_time', 'K solve'],
  ['bp_solve_time', 'BP solve'], ['g_solve_time', 'G solve'], ['imaging_time', 'imaging'],
  ['photometry_time', 'photometry'], ['total_time', 'total'],
];

export function render(root, params, groupId) {
  const summary = h('div', {id: 'group-summary'});
  const metrics = h('div', {id: 'group-metrics'});
  const files = h('tbody', {id: 'group-files'});
  fill(root, h('p', {}, h('a', {href: '#/'}, '← overview')), h('h1', {}, groupId),
    h('div', {class: 'columns'}, panel('State', summary), panel('Timings (s)', metrics)),
    panel('Subband files', scroller(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {class: 'num'}, 'sb'), h('th', {}, 'path'), h('th', {class: 'num'}, 'bytes'), h('th', {}, 'seen (UTC)'))),
      files))));

  const retryButton = () => {
    const message = h('span', {role: 'status'});
    const button = h('button', {type: 'button', id: 'retry-group', onclick: async () => {
      try {
        await withToken(() => write('POST', `queue/${encodeURIComponent(groupId)}/retry`, {}));
        load();
      } catch (error) {
        fill(message, errorLine(error));
      }
    }}, 'retry');
    return h('div', {class: 'buttons'}, button, message);
  };

  const load = async () => {
    try {
      const group = await get(`queue/${encodeURIComponent(groupId)}`);
      fill(summary, h('table', {class: 'stats'}, h('tbody', {},
        [['state', badge(group.state.replace('_', ' '), group.state)],
          ['subbands', `${group.subbands}/${group.expected_subbands}`],
          ['retries', group.retry_count],
          ['worker', group.worker || '—'],
          ['calibrator', group.has_calibrator === null ? 'unknown' : group.has_calibrator ? String(group.calibrators || 'yes') : 'none'],
          ['received', utc(unixToDate(group.received_at))],
          ['last change', ago(group.last_update)],
          ['error', group.error_message || '—']]
          .map(([label, value]) => h('tr', {}, h('th', {}, label), h('td', {}, value))))),
      group.state === 'failed' ? retryButton() : null);
      summary.dataset.state = group.state;
      fill(metrics, group.metrics ? h('table', {class: 'stats'}, h('tbody', {},
        h('tr', {}, h('th', {}, 'writer'), h('td', {class: 'num'}, group.metrics.writer_type || '—')),
        METRICS.map(([key, label]) => h('tr', {}, h('th', {}, label), h('td', {class: 'num'}, fixed(group.metrics[key], 1))))))
        : h('p', {class: 'muted'}, 'none recorded yet'));
      fill(files, group.files.map((f) => h('tr', {},
        h('td', {class: 'num'}, f.subband_idx), h('td', {class: 'mono path'}, f.file_path),
        h('td', {class: 'num'}, f.file_size ?? '—'), h('td', {class: 'mono'}, utc(unixToDate(f.discovered_at))))));
    } catch (error) {
      fill(summary, errorLine(error));
    }
  };

  load();
  const refresh = throttle(load, 300);
  const stops = [
    subscribe('events.queue', (event) => event.group_id === groupId && refresh()),
    onReconnect(load),
  ];
  return () => stops.forEach((stop) => stop());
}
