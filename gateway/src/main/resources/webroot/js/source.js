// One source: its light curve against the NVSS flux, its statistics, every candidate it has had, and the
// review buttons.
import {get, session, sourcePath, write} from './api.js';
import {badge, errorLine, fill, fixed, h, panel, throttle, utc, unixToDate} from './dom.js';
import {lightCurve} from './plot.js';
import {onReconnect, subscribe} from './live.js';
import {withToken} from './token.js';

const NEXT = {active: ['investigated', 'dismissed'], investigated: ['dismissed', 'active'], dismissed: ['active']};
const VERB = {investigated: 'investigate', dismissed: 'dismiss', active: 'reopen'};

export function render(root, params, sourceId) {
  const heading = h('h1', {}, sourceId);
  const curve = h('div', {id: 'light-curve'});
  const stats = h('div', {id: 'source-stats'});
  const history = h('div', {id: 'candidate-history'});
  fill(root, h('p', {}, h('a', {href: '#/candidates'}, '← candidates')), heading,
    panel('Light curve', curve, h('p', {class: 'muted legend'}, h('span', {class: 'key-point'}), ' normalised flux ± 1σ   ',
      h('span', {class: 'key-raw'}), ' as measured   ', h('span', {class: 'key-nvss'}), ' NVSS flux   ',
      h('span', {class: 'key-departure'}), ' departure (evidence)')),
    h('div', {class: 'columns'}, panel('Statistics', stats), panel('Candidate history and review', history)));

  const loadCurve = async (nvss, departures) => {
    try {
      const series = await get(`${sourcePath(sourceId)}/timeseries`);
      fill(curve, lightCurve(series.points, nvss, departures));
      curve.dataset.points = series.points.length;
    } catch (error) {
      fill(curve, errorLine(error));
    }
  };

  // Statistics of the normalised light curve, by their names (README: Variability and ESE candidates).
  const statRows = (s, n) => [
    ['RA, Dec (deg)', `${fixed(s.ra_deg, 5)}, ${fixed(s.dec_deg, 5)}`],
    ['observations (normalised)', s.n_obs],
    ['weighted mean (mJy), N_w', `${fixed(n.weighted_mean_mjy)}, ${n.n_w ?? '—'}`],
    ['mean, std (mJy)', `${fixed(s.mean_flux_mjy)}, ${fixed(s.std_flux_mjy)}`],
    ['min – max (mJy)', `${fixed(s.min_flux_mjy)} – ${fixed(s.max_flux_mjy)}`],
    ['NVSS flux (mJy)', fixed(s.nvss_flux_mjy)],
    ['η (χ²ν)', fixed(n.eta ?? s.chi2_nu)],
    ['V (std / mean)', fixed(n.v, 3)],
    ['max |Vs|, max |m|', `${fixed(n.vs_max)}, ${fixed(n.m_max, 3)}`],
    ['σ deviation', fixed(s.sigma_deviation)],
    ['significance now', n.significance === null || n.significance === undefined ? '—' : `${fixed(n.significance, 1)}σ (${n.detector})`],
    ['last MJD', fixed(s.last_mjd, 5)],
  ];

  const describe = (e) => [e.direction ? `${e.direction} of ${fixed(Math.abs(e.depth) * 100, 0)}%` : null,
    e.start_mjd ? `${e.end_mjd ? 'MJD ' + fixed(e.start_mjd, 2) + ' – ' + fixed(e.end_mjd, 2) : 'since MJD ' + fixed(e.start_mjd, 2)}` : null,
    e.scale_days && e.detector === 'slow_departure' ? `time scale ${fixed(e.scale_days, 0)} d` : null,
    `${e.detector} ${fixed(e.significance, 1)}σ (${fixed(e.local_sigma, 1)}σ before ${fixed(e.trials, 0)} trials)`]
    .filter(Boolean).join(', ');

  const reviewForm = (candidate, reload) => {
    const notes = h('textarea', {name: 'notes', rows: 2, placeholder: 'notes (optional)'});
    const by = h('input', {name: 'by', value: session.reviewer, placeholder: 'your name', required: true, size: 12});
    const message = h('span', {class: 'review-message', role: 'status'});
    const review = async (status) => {
      if (!by.value.trim()) {
        fill(message, errorLine(new Error('by: enter your name')));
        by.focus();
        return;
      }
      session.reviewer = by.value.trim();
      try {
        await withToken(() => write('PATCH', `ese/candidates/${candidate.id}`,
          {status, by: session.reviewer, notes: notes.value || undefined}));
        reload();
      } catch (error) {
        fill(message, errorLine(error));
      }
    };
    return h('form', {class: 'review', onsubmit: (e) => e.preventDefault()},
      notes, h('div', {class: 'buttons'}, by,
        (NEXT[candidate.status] || []).map((status) => h('button', {type: 'button', class: `review-${status}`,
          dataset: {status}, onclick: () => review(status)}, VERB[status]))),
      message);
  };

  // New photometry redraws the curve and statistics only, so a review being typed is not wiped out.
  const load = async (withHistory = true) => {
    try {
      const source = await get(sourcePath(sourceId));
      const s = source.stats || {};
      const named = source.statistics || {};
      fill(stats, h('table', {class: 'stats'}, h('tbody', {}, statRows(s, named).map(([label, value]) => h('tr', {}, h('th', {}, label), h('td', {class: 'num'}, value))))));
      const departures = source.candidates.filter((c) => c.status !== 'dismissed').flatMap((c) => (c.evidence || [])
        .filter((e) => e.start_mjd !== null && e.start_mjd !== undefined && e.detector !== 'two_epoch')
        .slice(0, 1).map((e) => ({...e, label: `${c.flag_type}: ${describe(e)}`})));
      if (withHistory) fill(history, source.candidates.length ? source.candidates.map((c) => h('article', {class: 'candidate', dataset: {candidate: c.id, status: c.status}},
        h('header', {}, badge(c.status), ' ', h('strong', {}, c.flag_type), ` significance ${fixed(c.significance, 1)}`,
          h('span', {class: 'muted'}, ` · flagged ${utc(unixToDate(c.flagged_at))} by ${c.flagged_by || '?'}`)),
        (c.evidence || []).length ? h('ul', {class: 'evidence'}, c.evidence.slice(0, 4).map((e) => h('li', {class: 'muted'},
          `${describe(e)} · at MJD ${fixed(e.at_mjd, 2)}`))) : null,
        c.notes ? h('pre', {class: 'notes'}, c.notes) : null,
        reviewForm(c, () => load()))) : h('p', {class: 'muted'}, 'never a candidate'));
      await loadCurve(s.nvss_flux_mjy, departures);
    } catch (error) {
      fill(stats, errorLine(error));
    }
  };

  load();
  const refreshAll = throttle(() => load(), 500);
  const refreshMeasurements = throttle(() => load(false), 1000);
  const stops = [
    subscribe('events.ese', (event) => event.source_id === sourceId && refreshAll()),
    subscribe('events.products', (event) => event.type === 'photometry' && refreshMeasurements()),
    onReconnect(() => load()),
  ];
  return () => stops.forEach((stop) => stop());
}
