// ESE candidates: a table sorted and filtered by the gateway, refreshed as candidates are flagged or reviewed.
import {get} from './api.js';
import {badge, throttle, errorLine, fill, fixed, flash, h, panel, scroller, utc, unixToDate} from './dom.js';
import {onReconnect, subscribe} from './live.js';
import {sourceLink} from './links.js';

const PAGE = 50;
const COLUMNS = [
  {key: 'source_id', label: 'source'},
  {key: 'flag_type', label: 'flag'},
  {key: 'significance', label: 'significance (σ)', sort: 'significance', num: true},
  {key: 'evidence', label: 'evidence'},
  {key: 'sigma_deviation', label: 'σ deviation', sort: 'sigma_deviation', num: true},
  {key: 'chi2_nu', label: 'χ²ν', sort: 'chi2_nu', num: true},
  {key: 'n_obs', label: 'n obs', sort: 'n_obs', num: true},
  {key: 'mean_flux_mjy', label: 'mean mJy', num: true},
  {key: 'nvss_flux_mjy', label: 'NVSS mJy', num: true},
  {key: 'status', label: 'status'},
  {key: 'flagged_at', label: 'flagged (UTC)', sort: 'flagged_at'},
];

export function render(root, params) {
  const filter = {
    status: params.get('status') || 'active',
    flag_type: params.get('flag_type') || '',
    min_significance: params.get('min_significance') || '',
    sort: params.get('sort') || 'significance',
    order: params.get('order') || 'desc',
    limit: PAGE,
  };
  const total = h('span', {class: 'muted', id: 'candidate-total'});
  const head = h('tr');
  const body = h('tbody', {id: 'candidates-body'});
  const problem = h('div');
  const select = (name, options) => h('select', {name, onchange: (e) => update({[name]: e.target.value})},
    options.map(([value, label]) => h('option', {value, selected: filter[name] === value}, label)));
  const form = h('form', {class: 'filters', onsubmit: (e) => e.preventDefault()},
    h('label', {}, 'status ', select('status', [['active', 'active'], ['investigated', 'investigated'], ['dismissed', 'dismissed'], ['all', 'all']])),
    h('label', {}, 'flag ', select('flag_type', [['', 'any'], ['variability', 'variability'], ['rapid_change', 'rapid change'], ['user', 'user']])),
    h('label', {}, 'min significance ', h('input', {name: 'min_significance', type: 'number', min: 0, step: 'any', value: filter.min_significance,
      onchange: (e) => update({min_significance: e.target.value})})),
    total);
  fill(root, panel('ESE candidates', form, problem, scroller(h('table', {class: 'candidates sortable'}, h('thead', {}, head), body))));

  // The filter lives in the address, so a view can be bookmarked or pasted into Slack.
  const update = (change) => {
    Object.assign(filter, change);
    const query = new URLSearchParams();
    for (const key of ['status', 'flag_type', 'min_significance', 'sort', 'order']) if (filter[key]) query.set(key, filter[key]);
    history.replaceState(null, '', `#/candidates?${query}`);
    load();
  };

  const drawHead = () => fill(head, COLUMNS.map((column) => {
    const sorted = column.sort === filter.sort;
    const th = h('th', {class: [column.num ? 'num' : '', column.sort ? 'sort' : '', sorted ? `sorted-${filter.order}` : ''].join(' ').trim(),
      'aria-sort': sorted ? (filter.order === 'asc' ? 'ascending' : 'descending') : null}, column.label);
    if (column.sort) {
      th.tabIndex = 0;
      const toggle = () => update({sort: column.sort, order: sorted && filter.order === 'desc' ? 'asc' : 'desc'});
      th.addEventListener('click', toggle);
      th.addEventListener('keydown', (e) => e.key === 'Enter' && toggle());
    }
    return th;
  }));

  const cell = (candidate, column) => {
    const value = candidate[column.key];
    if (column.key === 'source_id') return h('td', {}, h('a', {href: sourceLink(value)}, value));
    if (column.key === 'status') return h('td', {}, badge(value));
    if (column.key === 'flagged_at') return h('td', {class: 'mono'}, utc(unixToDate(value)));
    if (column.key === 'n_obs') return h('td', {class: 'num'}, value ?? '—');
    if (column.key === 'evidence') return h('td', {class: 'muted'}, value ? [value.detector, value.direction
      ? `${value.direction} ${fixed(Math.abs(value.depth) * 100, 0)}%` : null, value.start_mjd ? `from MJD ${fixed(value.start_mjd, 1)}` : null]
      .filter(Boolean).join(' · ') : '—');
    return h('td', {class: column.num ? 'num' : ''}, column.num ? fixed(value, 1) : value);
  };

  let fresh = new Set();
  const load = async () => {
    drawHead();
    try {
      const page = await get('ese/candidates', filter);
      fill(problem);
      fill(total, `${page.total} candidate${page.total === 1 ? '' : 's'}${page.total > page.candidates.length ? `, ${page.candidates.length} shown` : ''}`);
      fill(body, page.candidates.length ? page.candidates.map((candidate) => {
        const tr = h('tr', {dataset: {candidate: candidate.id}}, COLUMNS.map((column) => cell(candidate, column)));
        if (fresh.has(candidate.id)) flash(tr);
        return tr;
      }) : h('tr', {}, h('td', {colspan: COLUMNS.length, class: 'muted'}, 'no candidates match')));
      fresh = new Set();
    } catch (error) {
      fill(problem, errorLine(error));
    }
  };

  const refresh = throttle(load, 500);
  load();
  const stops = [
    subscribe('events.ese', (event) => {
      fresh.add(event.id);
      refresh();
    }),
    onReconnect(load),
  ];
  return () => stops.forEach((stop) => stop());
}
