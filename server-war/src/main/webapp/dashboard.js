/*
 * healthmon dashboard: a single page over the read API (/api/v1), no framework. Routes are in the
 * hash (#/, #/servers/ID, #/alerts). Everything an agent sent (server ids, mountpoints, unit names)
 * is put on the page as text, never as HTML.
 */
(function () {
  'use strict';

  const TOKEN_KEY = 'healthmon.operatorToken';
  const REFRESH_MS = 15000;
  const RANGES = [['1h', 3600], ['24h', 86400], ['7d', 7 * 86400], ['30d', 30 * 86400]];
  const STATUS_ORDER = { DOWN: 0, WARNING: 1, NEVER_SEEN: 2, HEALTHY: 3 };
  const STATUS_LABEL = { DOWN: 'Down', WARNING: 'Warning', HEALTHY: 'Healthy', NEVER_SEEN: 'Never seen' };

  const view = document.getElementById('view');
  const statusLine = document.getElementById('status-line');
  let refreshTimer = null;
  let charts = [];
  const fleetState = { sortKey: 'status', ascending: true, text: '', status: '' };

  // ---- small helpers -------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c))));
    return node;
  }

  function badge(state, label) {
    return el('span', { class: 'badge ' + state }, label || STATUS_LABEL[state] || state);
  }

  function pct(v) {
    return v === null || v === undefined ? '–' : v.toFixed(1) + ' %';
  }

  function rate(v) {
    if (v === null || v === undefined) return '–';
    const units = ['B/s', 'kB/s', 'MB/s', 'GB/s'];
    let i = 0;
    while (Math.abs(v) >= 1000 && i < units.length - 1) { v /= 1000; i++; }
    return (i === 0 || Math.abs(v) >= 100 ? Math.round(v) : v.toFixed(1)) + ' ' + units[i];
  }

  function ago(iso) {
    if (!iso) return 'never';
    const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (s < 60) return s + ' s ago';
    if (s < 3600) return Math.round(s / 60) + ' min ago';
    if (s < 86400) return Math.round(s / 3600) + ' h ago';
    return Math.round(s / 86400) + ' d ago';
  }

  function when(iso) {
    return iso ? el('time', { datetime: iso, title: iso }, ago(iso)) : 'never';
  }

  // A time ahead, as "in 5 h (2026-12-06 18:00 UTC)"; one already past is "now".
  function until(iso) {
    const s = Math.round((Date.parse(iso) - Date.now()) / 1000);
    const ahead = s < 60 ? 'now' : s < 3600 ? 'in ' + Math.round(s / 60) + ' min'
      : s < 172800 ? 'in ' + Math.round(s / 3600) + ' h' : 'in ' + Math.round(s / 86400) + ' d';
    return el('time', { datetime: iso, title: iso }, ahead + ' (' + iso.slice(0, 16).replace('T', ' ') + ' UTC)');
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  class Unauthorized extends Error {}

  async function api(path) {
    const response = await fetch('api/v1/' + path, { headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' } });
    if (response.status === 401) throw new Unauthorized('the operator token was refused');
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
      throw new Error(response.status + ' ' + detail);
    }
    return response.json();
  }

  async function apiPost(path, body) {
    const response = await fetch('api/v1/' + path, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });
    if (response.status === 401) throw new Unauthorized('the operator token was refused');
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(response.status + ' ' + (answer.detail || response.statusText));
    return answer;
  }

  async function apiDelete(path) {
    const response = await fetch('api/v1/' + path, { method: 'DELETE', headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' } });
    if (response.status === 401) throw new Unauthorized('the operator token was refused');
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(response.status + ' ' + (answer.detail || response.statusText));
    return answer;
  }

  async function allServers() {
    const out = [];
    for (let offset = 0; ; offset += 500) {
      const page = await api('servers?limit=500&offset=' + offset);
      out.push(...page.servers);
      if (out.length >= page.total || page.servers.length === 0) return out;
    }
  }

  function say(text) {
    statusLine.textContent = text;
  }

  // ---- sign-in -------------------------------------------------------------------------------

  function showSignIn(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    stopRefresh();
    document.getElementById('nav').hidden = true;
    view.hidden = true;
    view.replaceChildren();
    say('');
    document.getElementById('sign-in').hidden = false;
    document.getElementById('sign-in-error').textContent = message || '';
    const input = document.getElementById('token');
    input.value = '';
    input.focus();
  }

  document.getElementById('sign-in-form').addEventListener('submit', async event => {
    event.preventDefault();
    const input = document.getElementById('token');
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    try {
      await api('servers?limit=1');
      input.value = '';
      document.getElementById('sign-in').hidden = true;
      route();
    } catch (e) {
      showSignIn(e instanceof Unauthorized ? 'That token was refused.' : 'The server could not be reached: ' + e.message);
    }
  });

  document.getElementById('sign-out').addEventListener('click', () => showSignIn('Signed out.'));

  // ---- routing -------------------------------------------------------------------------------

  function stopRefresh() {
    if (refreshTimer) clearInterval(refreshTimer);
    refreshTimer = null;
    charts.forEach(c => { resizer.unobserve(c.root.parentElement); c.destroy(); });
    charts = [];
  }

  async function route() {
    if (!token()) {
      showSignIn();
      return;
    }
    stopRefresh();
    document.getElementById('sign-in').hidden = true;
    document.getElementById('nav').hidden = false;
    view.hidden = false;
    const hash = location.hash || '#/';
    const server = hash.match(/^#\/servers\/(.+)$/);
    const current = server ? 'fleet' : hash.startsWith('#/alerts') ? 'alerts' : 'fleet';
    document.querySelectorAll('#nav a').forEach(a => {
      if (a.dataset.route === current) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    try {
      if (server) await serverPage(decodeURIComponent(server[1]));
      else if (hash.startsWith('#/alerts')) await alertsPage();
      else await fleetPage();
    } catch (e) {
      if (e instanceof Unauthorized) showSignIn('Your token is no longer accepted; sign in again.');
      else say('Could not load: ' + e.message);
    }
  }

  window.addEventListener('hashchange', route);

  // ---- fleet overview ------------------------------------------------------------------------

  const COLUMNS = [
    ['server_id', 'Server', s => s.server_id],
    ['status', 'Status', s => STATUS_ORDER[s.status]],
    ['last_seen', 'Last seen', s => s.last_seen ? -Date.parse(s.last_seen) : Infinity],
    ['cpu', 'CPU', s => s.latest ? s.latest.cpu_usage : -1, 'num'],
    ['memory', 'Memory', s => s.latest ? s.latest.memory_percentage : -1, 'num'],
    ['disk', 'Fullest disk', s => s.latest ? s.latest.fullest_disk_percentage : -1, 'num'],
    ['failed', 'Failed services', s => s.latest && s.latest.failed_services ? s.latest.failed_services.length : -1]
  ];

  async function fleetPage() {
    view.replaceChildren(el('h2', {}, 'Fleet'), el('p', { class: 'muted' }, 'Loading…'));
    const render = async () => {
      const servers = await allServers();
      drawFleet(servers);
      say('Updated ' + new Date().toLocaleTimeString() + '; refreshes every ' + REFRESH_MS / 1000 + ' s.');
    };
    await render();
    refreshTimer = setInterval(() => render().catch(e => {
      if (e instanceof Unauthorized) showSignIn('Your token is no longer accepted; sign in again.');
      else say('Refresh failed: ' + e.message);
    }), REFRESH_MS);
  }

  function drawFleet(servers) {
    const focused = document.activeElement && document.activeElement.id;
    const counts = { DOWN: 0, WARNING: 0, HEALTHY: 0, NEVER_SEEN: 0 };
    servers.forEach(s => { counts[s.status] = (counts[s.status] || 0) + 1; });
    const countList = el('ul', { class: 'counts', 'aria-label': 'Servers by status' },
      [['DOWN', 'down'], ['WARNING', 'warning'], ['HEALTHY', 'healthy'], ['NEVER_SEEN', 'never']].map(([state, cls]) =>
        el('li', { class: cls, 'data-status': state }, el('span', { class: 'n' }, counts[state]), STATUS_LABEL[state])));

    const text = el('input', { id: 'filter-text', type: 'search', value: fleetState.text, placeholder: 'server name',
      oninput: e => { fleetState.text = e.target.value; drawFleet(servers); } });
    const status = el('select', { id: 'filter-status', onchange: e => { fleetState.status = e.target.value; drawFleet(servers); } },
      el('option', { value: '' }, 'any'),
      Object.keys(STATUS_LABEL).map(k => el('option', { value: k, selected: fleetState.status === k }, STATUS_LABEL[k])));
    const filters = el('div', { class: 'filters' },
      el('label', { for: 'filter-text' }, 'Filter', text), el('label', { for: 'filter-status' }, 'Status', status),
      el('span', { class: 'muted' }, servers.length + ' servers'));

    const column = COLUMNS.find(c => c[0] === fleetState.sortKey);
    const shown = servers
      .filter(s => s.server_id.toLowerCase().includes(fleetState.text.toLowerCase()))
      .filter(s => !fleetState.status || s.status === fleetState.status)
      .sort((a, b) => {
        const x = column[2](a); const y = column[2](b);
        const order = x < y ? -1 : x > y ? 1 : a.server_id.localeCompare(b.server_id);
        return fleetState.ascending ? order : -order;
      });

    const head = el('tr', {}, COLUMNS.map(([key, label, , cls]) => el('th', {
      scope: 'col', class: cls,
      'aria-sort': fleetState.sortKey === key ? (fleetState.ascending ? 'ascending' : 'descending') : 'none'
    }, el('button', { type: 'button', id: 'sort-' + key, onclick: () => {
      fleetState.ascending = fleetState.sortKey === key ? !fleetState.ascending : true;
      fleetState.sortKey = key;
      drawFleet(servers);
    } }, label + (fleetState.sortKey === key ? (fleetState.ascending ? ' ▲' : ' ▼') : '')))));

    const rows = shown.map(s => {
      const l = s.latest || {};
      const failed = l.failed_services || null;
      return el('tr', { class: s.status.toLowerCase(), 'data-server': s.server_id },
        el('th', { scope: 'row' }, el('a', { href: '#/servers/' + encodeURIComponent(s.server_id) }, s.server_id)),
        el('td', {}, badge(s.status), s.silenced ? [' ', badge('SILENCED', 'Silenced')] : '',
          s.status_reasons && s.status !== 'HEALTHY' ? el('div', { class: 'muted' }, s.status_reasons) : ''),
        el('td', {}, when(s.last_seen)),
        el('td', { class: 'num' }, pct(l.cpu_usage)),
        el('td', { class: 'num' }, pct(l.memory_percentage)),
        el('td', { class: 'num' }, l.fullest_disk ? l.fullest_disk + ' ' + pct(l.fullest_disk_percentage) : '–'),
        el('td', {}, failed === null ? (s.latest ? 'unknown' : '–')
          : failed.length === 0 ? 'none' : failed.map(f => f.name).join(', ')));
    });
    const table = el('div', { class: 'table-wrap' }, el('table', { id: 'fleet' },
      el('caption', { class: 'skip' }, 'Servers'), el('thead', {}, head),
      el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: COLUMNS.length }, 'No server matches.')))));
    view.replaceChildren(el('h2', {}, 'Fleet'), countList, filters, table);
    if (focused && document.getElementById(focused)) {
      const again = document.getElementById(focused);
      again.focus();
      if (again.setSelectionRange && again.type === 'search') again.setSelectionRange(again.value.length, again.value.length);
    }
  }

  // ---- one server ----------------------------------------------------------------------------

  async function serverPage(serverId, rangeSeconds) {
    const range = rangeSeconds || 3600;
    const [server, alerts] = await Promise.all([
      api('servers/' + encodeURIComponent(serverId)),
      api('alerts?limit=50&server=' + encodeURIComponent(serverId))
    ]);
    const to = new Date();
    const from = new Date(to.getTime() - range * 1000);
    const history = await api('servers/' + encodeURIComponent(serverId) + '/metrics?from=' + from.toISOString() + '&to=' + to.toISOString());

    const l = server.latest || {};
    const facts = el('dl', { class: 'facts' },
      el('dt', {}, 'Status'), el('dd', {}, badge(server.status), ' ', server.status_reasons || ''),
      el('dt', {}, 'Last seen'), el('dd', {}, when(server.last_seen)),
      el('dt', {}, 'Agent'), el('dd', {}, server.agent_version || 'unknown'),
      el('dt', {}, 'Failed services'), el('dd', {}, failedServices(l.failed_services, !!server.latest)),
      el('dt', {}, 'Inodes used'), el('dd', { id: 'fact-inodes' }, inodeUse(l.inodes, !!server.latest)),
      el('dt', {}, 'Network'), el('dd', { id: 'fact-network' }, throughput(l.network, !!server.latest)),
      el('dt', {}, 'Disk full forecast'), el('dd', { id: 'fact-disk-full' }, diskFullAt(l.disk_full_at, !!server.latest)));

    const ranges = el('div', { class: 'ranges', role: 'group', 'aria-label': 'Time range' },
      RANGES.map(([label, seconds]) => el('button', { type: 'button', class: 'secondary', id: 'range-' + label,
        'aria-pressed': String(seconds === range), onclick: () => { stopRefresh(); serverPage(serverId, seconds).catch(e => say(e.message)); } }, label)));

    const chartBox = el('div', { class: 'charts' });
    view.replaceChildren(
      el('p', {}, el('a', { href: '#/' }, '← Fleet')),
      el('h2', {}, serverId),
      el('div', { class: 'card' }, facts),
      silencesCard(serverId, server.silences || []),
      el('h3', {}, 'History'), ranges,
      el('p', { class: 'muted' }, history.bucket_seconds > 0
        ? 'Each point averages ' + Math.round(history.bucket_seconds / 60) + ' min'
          + ({ '5m': ', from 5-minute rollups.', '1h': ', from hourly rollups.' }[history.level] || '.')
        : 'Every report.'),
      chartBox,
      el('h3', {}, 'Alerts'), alertTable(alerts.alerts, false),
      reenrolment(serverId));
    drawCharts(chartBox, history.points);
    say('Showing the last ' + RANGES.find(r => r[1] === range)[0] + ' (' + history.points.length + ' points).');
    refreshTimer = setInterval(() => { stopRefresh(); serverPage(serverId, range).catch(e => say(e.message)); }, 60000);
  }

  // An agent reinstalled on this host registers again with a one-time token: the enrollment token
  // registers new servers only, so that no host can take over another's identity.
  function reenrolment(serverId) {
    const revoke = el('input', { type: 'checkbox', id: 'reenrol-revoke' });
    const result = el('div', { id: 'reenrol-result', 'aria-live': 'polite' });
    const issue = el('button', { type: 'button', id: 'reenrol-issue', onclick: async () => {
      try {
        const t = await apiPost('servers/' + encodeURIComponent(serverId) + '/enrolment', { revoke_existing_keys: revoke.checked });
        stopRefresh(); // keep the token on screen: it is shown once
        result.replaceChildren(
          el('p', {}, 'One-time token, valid until ' + when(t.expires_at) + (t.revoke_existing_keys
            ? '; using it revokes the server\'s other keys.' : '; the server\'s other keys stay valid.')),
          el('pre', { class: 'token' }, el('code', { id: 'reenrol-command' },
            'healthmon-agent register --server ' + location.origin + '/ --token ' + t.enrolment_token)));
      } catch (e) {
        if (e instanceof Unauthorized) { showSignIn(e.message); return; }
        result.replaceChildren(el('p', { role: 'alert' }, 'Could not issue a token: ' + e.message));
      }
    } }, 'Issue a one-time enrolment token');
    return el('section', { class: 'card', 'aria-labelledby': 'reenrol-title' },
      el('h3', { id: 'reenrol-title' }, 'Re-enrol this server\'s agent'),
      el('p', { class: 'muted' }, 'For an agent reinstalled on this host. The token is shown once and works once.'),
      el('p', {}, el('label', { for: 'reenrol-revoke' }, revoke, ' Revoke the server\'s current keys when it is used')),
      issue, result);
  }

  // Silences: alerts they cover are still recorded and listed (marked), but nobody is notified; one
  // covering everything is a maintenance window, so a stopped agent does not make the server Down.
  function silencesCard(serverId, active) {
    const reload = () => { stopRefresh(); serverPage(serverId).catch(e => say(e.message)); };
    const result = el('div', { id: 'silence-result', 'aria-live': 'polite' });
    const list = active.length === 0 ? el('p', { class: 'muted' }, 'Not silenced.') : el('ul', { class: 'plain', id: 'silences' },
      active.map(s => el('li', { 'data-silence': String(s.id) }, badge('SILENCED', 'Silenced'), ' until ', s.ends_at,
        ' (' + (s.kinds.length ? s.kinds.join(', ') : 'every alert, maintenance') + (s.subject ? ' on ' + s.subject : '')
          + (s.server_pattern ? ', servers ' + s.server_pattern : '') + ') by ' + s.created_by + ': ' + s.comment + ' ',
        el('button', { type: 'button', class: 'secondary', onclick: async () => {
          try { await apiDelete('silences/' + s.id); reload(); } catch (e) {
            if (e instanceof Unauthorized) { showSignIn(e.message); return; }
            result.replaceChildren(el('p', { role: 'alert' }, 'Could not end the silence: ' + e.message));
          } } }, 'End now'))));
    const hours = el('select', { id: 'silence-hours' }, [1, 4, 24, 72].map(h => el('option', { value: String(h) }, h + ' h')));
    const scope = el('select', { id: 'silence-scope' }, el('option', { value: '' }, 'every alert (maintenance)'),
      el('option', { value: 'HIGH_CPU,HIGH_DISK,INODES_HIGH,DISK_FILLING,FAILED_SERVICE' }, 'all but offline'));
    const comment = el('input', { type: 'text', id: 'silence-comment', required: true, maxlength: '1024' });
    const by = el('input', { type: 'text', id: 'silence-by', required: true, maxlength: '128' });
    const form = el('form', { id: 'silence-form', onsubmit: async e => {
      e.preventDefault();
      try {
        await apiPost('silences', { server: serverId, kinds: scope.value ? scope.value.split(',') : [],
          ends_at: new Date(Date.now() + Number(hours.value) * 3600000).toISOString(), comment: comment.value, created_by: by.value });
        reload();
      } catch (err) {
        if (err instanceof Unauthorized) { showSignIn(err.message); return; }
        result.replaceChildren(el('p', { role: 'alert' }, 'Could not silence: ' + err.message));
      }
    } }, el('label', { for: 'silence-hours' }, 'For ', hours), ' ', el('label', { for: 'silence-scope' }, 'Silence ', scope), ' ',
      el('label', { for: 'silence-comment' }, 'Why ', comment), ' ', el('label', { for: 'silence-by' }, 'Who ', by), ' ',
      el('button', { type: 'submit', id: 'silence-add' }, 'Silence'));
    return el('section', { class: 'card', 'aria-labelledby': 'silences-title' },
      el('h3', { id: 'silences-title' }, 'Silences'), list, form, result);
  }

  function failedServices(list, seen) {
    if (!seen) return 'no report yet';
    if (list === null || list === undefined) return 'unknown (systemd not available)';
    if (list.length === 0) return 'none';
    return el('ul', { class: 'plain' }, list.map(f => el('li', {}, f.name + ' (' + f.status + (f.since ? ', since ' + f.since : '') + ')')));
  }

  function inodeUse(inodes, seen) {
    if (!seen) return 'no report yet';
    const names = Object.keys(inodes || {});
    if (names.length === 0) return 'not reported';
    return el('ul', { class: 'plain' }, names.map(m => el('li', {}, m + ' ' + pct(inodes[m]))));
  }

  // The forecast fits each disk's use over the last hours (the server's disk-forecast window) and
  // extends the line to 100 %; a disk not filling, or with too few reports in the window, has none.
  function diskFullAt(fullAt, seen) {
    if (!seen) return 'no report yet';
    const names = Object.keys(fullAt || {});
    if (names.length === 0) return 'no report within the forecast window';
    return el('ul', { class: 'plain' }, names.map(m => el('li', { 'data-mountpoint': m }, m + ': ',
      fullAt[m] ? el('span', {}, 'full ', until(fullAt[m])) : 'not forecast to fill')));
  }

  function throughput(network, seen) {
    if (!seen) return 'no report yet';
    const names = Object.keys(network || {});
    if (names.length === 0) return 'no rate yet (needs two reports in a row)';
    return el('ul', { class: 'plain' }, names.map(n =>
      el('li', {}, n + ': in ' + rate(network[n].rx_bytes_per_second) + ', out ' + rate(network[n].tx_bytes_per_second))));
  }

  const PALETTE = ['#0b57d0', '#b3261e', '#1e6b34', '#8a4b00', '#6a1b9a', '#00695c', '#37474f', '#ad1457'];

  function drawCharts(box, points) {
    const xs = points.map(p => Date.parse(p.timestamp) / 1000);
    const mountpoints = [...new Set(points.flatMap(p => Object.keys(p.disks || {})))].sort();
    const inodeMounts = [...new Set(points.flatMap(p => Object.keys(p.inodes || {})))].sort();
    const interfaces = [...new Set(points.flatMap(p => Object.keys(p.network || {})))].sort();
    const nic = (n, field) => p => ((p.network || {})[n] || {})[field];
    const specs = [
      ['chart-cpu', 'CPU %', [['cpu', p => p.cpu_usage]], 100],
      ['chart-memory', 'Memory %', [['memory', p => p.memory_percentage]], 100],
      ['chart-load', 'Load average', [['1 min', p => p.load_1], ['5 min', p => p.load_5], ['15 min', p => p.load_15]], null],
      ['chart-disks', 'Disks %', mountpoints.map(m => [m, p => (p.disks || {})[m]]), 100],
      ['chart-inodes', 'Inodes used %', inodeMounts.map(m => [m, p => (p.inodes || {})[m]]), 100],
      // A gap in a line is an interval without a rate: a counter reset, a reboot or a long silence.
      ['chart-network', 'Network throughput', interfaces.flatMap(n => [[n + ' in', nic(n, 'rx_bytes_per_second')],
        [n + ' out', nic(n, 'tx_bytes_per_second')]]), null, rate]
    ];
    // All boxes are laid out first, so each chart is measured in its final grid cell.
    const holders = specs.map(([id, title, series, , format]) => {
      const holder = el('div', { class: 'plot', id: id, 'data-points': String(xs.length), 'data-series': String(series.length),
        role: 'img', 'aria-label': title + ': ' + xs.length + ' points' + latestText(points, series, format) });
      box.append(el('figure', { class: 'chart' }, el('h3', {}, title), holder));
      return holder;
    });
    specs.forEach(([, , series, max, format], i) => {
      const holder = holders[i];
      if (xs.length === 0) {
        holder.append(el('p', { class: 'muted' }, 'No reports in this range.'));
        return;
      }
      if (series.length === 0) {
        holder.append(el('p', { class: 'muted' }, 'Not reported by this server\'s agent.'));
        return;
      }
      const width = Math.max(240, Math.floor(holder.getBoundingClientRect().width));
      const data = [xs, ...series.map(([, f]) => points.map(p => { const v = f(p); return v === undefined ? null : v; }))];
      const opts = {
        width: width, height: 200,
        scales: { x: { time: true }, y: max ? { range: [0, max] } : { auto: true } },
        series: [{}, ...series.map(([label], j) => ({ label: label, stroke: PALETTE[j % PALETTE.length], width: 2, spanGaps: false,
          value: format ? (u, v) => rate(v) : undefined }))],
        axes: [{}, format ? { size: 80, values: (u, vals) => vals.map(v => rate(v)) } : { size: 50 }]
      };
      charts.push(new uPlot(opts, data, holder));
      resizer.observe(holder);
    });
  }

  // Charts follow their boxes' width (window resized, scroll bar appeared, phone turned).
  const resizer = new ResizeObserver(entries => entries.forEach(entry => {
    const chart = charts.find(c => c.root.parentElement === entry.target);
    const width = Math.max(240, Math.floor(entry.contentRect.width));
    if (chart && Math.abs(chart.width - width) > 2) chart.setSize({ width: width, height: 200 });
  }));

  function latestText(points, series, format) {
    if (points.length === 0) return '';
    const last = points[points.length - 1];
    const shown = v => v === null || v === undefined ? '–' : format ? format(v) : v.toFixed(1);
    return '; latest ' + series.map(([label, f]) => label + ' ' + shown(f(last))).join(', ');
  }

  // ---- alerts --------------------------------------------------------------------------------

  async function alertsPage() {
    const state = (location.hash.match(/state=(\w+)/) || [])[1] || 'open';
    const page = await api('alerts?limit=200&state=' + state);
    const picker = el('div', { class: 'ranges', role: 'group', 'aria-label': 'Which alerts' },
      [['open', 'Open'], ['resolved', 'Resolved'], ['all', 'All']].map(([value, label]) =>
        el('button', { type: 'button', class: 'secondary', id: 'alerts-' + value, 'aria-pressed': String(value === state),
          onclick: () => { location.hash = '#/alerts?state=' + value; } }, label)));
    view.replaceChildren(el('h2', {}, 'Alerts'), picker,
      el('p', { class: 'muted' }, page.total + ' ' + (state === 'all' ? '' : state + ' ') + 'alerts' + (page.total > 200 ? '; the newest 200 shown' : '')),
      alertTable(page.alerts, true));
    say('Updated ' + new Date().toLocaleTimeString() + '.');
    refreshTimer = setInterval(() => { stopRefresh(); alertsPage().catch(e => say(e.message)); }, REFRESH_MS);
  }

  function alertTable(alerts, withServer) {
    if (alerts.length === 0) return el('p', { class: 'muted' }, 'No alerts.');
    const head = el('tr', {}, [withServer ? 'Server' : null, 'State', 'Alert', 'Value', 'Opened', 'Resolved', 'Webhooks']
      .filter(h => h !== null).map(h => el('th', { scope: 'col' }, h)));
    const rows = alerts.map(a => el('tr', { class: a.state === 'OPEN' ? 'down' : '', 'data-alert': String(a.id) },
      withServer ? el('td', {}, el('a', { href: '#/servers/' + encodeURIComponent(a.server_id) }, a.server_id)) : null,
      el('td', {}, badge(a.state, a.state === 'OPEN' ? 'Open' : 'Resolved'), a.silenced ? [' ', badge('SILENCED', 'Silenced')] : ''),
      el('td', {}, describe(a)),
      el('td', { class: 'num' }, value(a)),
      el('td', {}, when(a.opened_at)),
      el('td', {}, a.resolved_at ? when(a.resolved_at) : '–'),
      el('td', {}, (a.deliveries || []).length === 0 ? 'none configured' : el('ul', { class: 'plain' },
        a.deliveries.map(d => el('li', {}, d.event + ' → ' + d.receiver + ' ', badge(d.state),
          d.attempts > 1 || d.state !== 'DELIVERED' ? ' ' + d.attempts + ' attempt(s)' : '',
          d.last_error ? ' (' + d.last_error + ')' : ''))))));
    return el('div', { class: 'table-wrap' }, el('table', { class: 'alerts' }, el('thead', {}, head), el('tbody', {}, rows)));
  }

  function describe(a) {
    switch (a.kind) {
      case 'HIGH_CPU': return 'High CPU';
      case 'HIGH_DISK': return 'Disk full: ' + a.subject;
      case 'INODES_HIGH': return 'Inodes nearly used up: ' + a.subject;
      case 'DISK_FILLING': return 'Disk filling up: ' + a.subject;
      case 'FAILED_SERVICE': return 'Failed unit: ' + a.subject;
      case 'SERVER_OFFLINE': return 'Server offline';
      default: return a.kind + ' ' + a.subject;
    }
  }

  function value(a) {
    const v = a.state === 'OPEN' ? (a.last_value !== undefined ? a.last_value : a.value) : a.value;
    if (a.kind === 'SERVER_OFFLINE') return Math.round(a.value) + ' s silent (limit ' + a.threshold + ' s)';
    if (a.kind === 'FAILED_SERVICE') return '';
    if (a.kind === 'DISK_FILLING') return v.toFixed(1) + ' % forecast at the horizon\'s end (limit ' + a.threshold + ' %)';
    return v.toFixed(1) + ' % (limit ' + a.threshold + ' %)';
  }

  route();
})();
