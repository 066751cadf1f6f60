// The overview: queue counts, recent groups flashing as they change, calibration coverage of the last day,
// alerts as they arrive, and each owner's health.
import {get, readiness} from './api.js';
import {ago, badge, dateToMjd, throttle, duration, errorLine, fill, flash, h, mjdToDate, panel, scroller, utc, unixToDate} from './dom.js';
import {coverageBar} from './plot.js';
import {onReconnect, subscribe} from './live.js';

const STATES = ['collecting', 'pending', 'in_progress', 'completed', 'failed'];
const GROUP_ROWS = 15;
const ALERT_ROWS = 15;

export function render(root) {
  const counts = h('div', {class: 'cards', id: 'queue-counts'});
  const groupsBody = h('tbody', {id: 'groups-body'});
  const coverage = h('div', {id: 'coverage'});
  const alerts = h('ul', {class: 'alerts', id: 'alerts-list'});
  const health = h('div', {class: 'health', id: 'owner-health'});
  fill(root,
    panel('Queue', counts),
    panel('Calibration coverage, last 24 h', coverage),
    h('div', {class: 'columns'},
      panel('Recent groups', scroller(h('table', {class: 'groups'},
        h('thead', {}, h('tr', {}, h('th', {}, 'group'), h('th', {}, 'state'), h('th', {class: 'num'}, 'subbands'),
          h('th', {class: 'num'}, 'retries'), h('th', {}, 'updated'))),
        groupsBody))),
      h('div', {class: 'stack'},
        panel('Owner health', health),
        panel('Recent alerts', alerts))));

  const rows = new Map(); // group_id -> tr
  const newestObservation = {date: new Date(0)};

  const loadStats = async () => {
    try {
      const stats = await get('queue/stats');
      fill(counts,
        ...STATES.map((state) => h('div', {class: `card state-${state}`, dataset: {state}},
          h('div', {class: 'value'}, stats.counts[state] ?? 0), h('div', {class: 'label'}, state.replace('_', ' ')))),
        h('div', {class: 'card'}, h('div', {class: 'value', id: 'oldest-pending'}, duration(stats.oldest_pending_age_s)),
          h('div', {class: 'label'}, 'oldest pending')),
        h('div', {class: 'card'}, h('div', {class: 'value', id: 'groups-per-hour'}, stats.groups_per_hour),
          h('div', {class: 'label'}, 'groups / hour')));
    } catch (error) {
      fill(counts, errorLine(error));
    }
  };

  const groupRow = (group) => h('tr', {dataset: {group: group.group_id, expected: group.expected_subbands ?? 16,
    signature: `${group.state}|${group.subbands}|${group.retry_count}`}},
    h('td', {class: 'mono'}, h('a', {href: `#/group/${encodeURIComponent(group.group_id)}`}, group.group_id)),
    h('td', {}, badge(group.state.replace('_', ' '), group.state)),
    h('td', {class: 'num'}, `${group.subbands}/${group.expected_subbands ?? 16}`), h('td', {class: 'num'}, group.retry_count),
    h('td', {class: 'age', dataset: {at: group.last_update}}, ago(group.last_update)));

  const noteObservation = (groupId) => {
    const observed = new Date(`${groupId.replace(' ', 'T')}Z`); // ids may use a space for the T
    if (observed > newestObservation.date) newestObservation.date = observed;
  };

  const loadGroups = async () => {
    try {
      const page = await get('queue', {limit: GROUP_ROWS});
      const known = new Map(rows);
      rows.clear();
      // Rows that did not change stay the same elements (a flash in progress goes on); changed ones flash.
      fill(groupsBody, page.groups.map((group) => {
        noteObservation(group.group_id);
        const fresh = groupRow(group);
        const old = known.get(group.group_id);
        const tr = old && old.dataset.signature === fresh.dataset.signature ? old : fresh;
        if (tr === old) tr.querySelector('td.age').textContent = ago(group.last_update);
        else if (old) flash(tr);
        rows.set(group.group_id, tr);
        return tr;
      }));
    } catch (error) {
      fill(groupsBody, h('tr', {}, h('td', {colspan: 5}, errorLine(error))));
    }
  };

  // An event carries the transition, not the whole row: keep what the row knew and change what moved.
  const onQueueEvent = (event) => {
    noteObservation(event.group_id);
    const known = rows.get(event.group_id);
    const row = groupRow({group_id: event.group_id, state: event.to, subbands: event.subbands,
      expected_subbands: known ? Number(known.dataset.expected) : 16,
      retry_count: event.retry_count, last_update: event.at});
    if (known) known.replaceWith(row);
    else groupsBody.prepend(row);
    rows.set(event.group_id, row);
    while (groupsBody.children.length > GROUP_ROWS) {
      rows.delete(groupsBody.lastElementChild.dataset.group);
      groupsBody.lastElementChild.remove();
    }
    flash(row);
    refreshStats();
  };

  const alertItem = (alert) => h('li', {class: `alert severity-${alert.severity}`},
    badge(alert.severity), ' ', h('span', {class: 'alert-type'}, alert.alert_type), ' ',
    h('span', {class: 'alert-message'}, alert.message), ' ',
    h('span', {class: 'muted'}, utc(unixToDate(alert.sent_at)), alert.success ? ' · sent' : ` · not sent${alert.error_msg ? `: ${alert.error_msg}` : ''}`));

  const loadAlerts = async () => {
    try {
      const page = await get('alerts', {limit: ALERT_ROWS});
      fill(alerts, page.alerts.length ? page.alerts.map(alertItem) : h('li', {class: 'muted'}, 'no alerts yet'));
    } catch (error) {
      fill(alerts, h('li', {}, errorLine(error)));
    }
  };

  const onAlert = (alert) => {
    alerts.querySelector('li.muted:only-child')?.remove();
    const item = alertItem(alert);
    alerts.prepend(item);
    flash(item);
    while (alerts.children.length > ALERT_ROWS) alerts.lastElementChild.remove();
  };

  const loadHealth = async () => {
    try {
      const ready = await readiness();
      fill(health, (ready.checks || []).map((check) => h('div', {class: `owner status-${check.status}`, dataset: {owner: check.id}},
        h('strong', {}, check.id), ' ', badge(check.status === 'UP' ? 'up' : 'down', check.status === 'UP' ? 'up' : 'down'),
        check.data?.free_disk_mb !== undefined ? h('span', {class: 'muted'}, ` ${(check.data.free_disk_mb / 1024).toFixed(1)} GiB free`) : null,
        check.data?.cause ? h('div', {class: 'muted'}, check.data.cause) : null)));
    } catch (error) {
      fill(health, errorLine(new Error('the hub does not answer')));
    }
  };

  // The window ends at the newer of now and the newest observation, so a replayed or simulated night shows too.
  const loadCoverage = async () => {
    const end = dateToMjd(new Date(Math.max(Date.now(), newestObservation.date.getTime())));
    const start = end - 1;
    try {
      const answer = await get('calibration/coverage', {start, end});
      fill(coverage, coverageBar(answer, start, end, mjdToDate),
        h('p', {class: 'muted'}, `${(answer.covered_fraction * 100).toFixed(0)}% with every required table type (${answer.types.join(', ')}); `,
          `${answer.partial.length} partial (amber), ${answer.missing.length} missing (red).`));
    } catch (error) {
      fill(coverage, errorLine(error));
    }
  };

  const refreshStats = throttle(loadStats, 300);
  const refreshCoverage = throttle(loadCoverage, 500);
  const loadAll = () => loadGroups().then(() => Promise.all([loadStats(), loadAlerts(), loadHealth(), loadCoverage()]));
  loadAll();

  // Subbands arriving inside a group change no state and publish no event: the table catches up every few seconds.
  const ticking = setInterval(() => {
    loadGroups();
    loadHealth();
    loadStats();
  }, 10000);
  const stops = [
    subscribe('events.queue', onQueueEvent),
    subscribe('events.alerts', onAlert),
    subscribe('events.calibration', refreshCoverage),
    subscribe('events.products', (event) => event.type === 'pointing' && refreshCoverage()),
    onReconnect(loadAll),
  ];
  return () => {
    clearInterval(ticking);
    stops.forEach((stop) => stop());
  };
}
