// The session timeline page: /timeline lists the open sessions (search by id), /timeline/<id>
// draws one session and follows it live. The data comes from the gateway's API with the
// operator's bearer token: taken once from ?token= (then dropped from the address bar) or
// asked for on a 401, kept in sessionStorage (this tab only). With no API tokens configured
// (development) nothing is asked.
import { drawTimeline } from './chart.js';

const TOKEN_KEY = 'aside.apiToken';
const SESSION_PATH = /^\/timeline\/([^/]+)\/?$/;
const LIST_REFRESH_MS = 5_000;
const REFETCH_DEBOUNCE_MS = 120;
const RECONNECT_MS = 1_000;

const $ = (id) => document.getElementById(id);
let tokenDeclined = false;

takeTokenFromAddress();
const match = SESSION_PATH.exec(location.pathname);
if (match) showSession(decodeURIComponent(match[1]));
else showList();

function takeTokenFromAddress() {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  if (token === null) return;
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  params.delete('token');
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** GET a JSON route of the API; on a 401 asks for the token once and tries again. */
async function api(path) {
  for (let attempt = 0; ; attempt += 1) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (response.status === 401 && attempt === 0 && !tokenDeclined) {
      const entered = window.prompt('This gateway needs an API token (one of ASIDE_API_TOKENS):');
      if (entered) {
        sessionStorage.setItem(TOKEN_KEY, entered.trim());
        continue;
      }
      tokenDeclined = true; // not asked again on every refresh
    }
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
    return body;
  }
}

function notice(message) {
  $('notice').textContent = message;
}

// ---- the session list ----

function showList() {
  $('list-view').hidden = false;
  const search = $('search');
  let timer;
  const refresh = async () => {
    const term = search.value.trim();
    const query = new URLSearchParams({ limit: '200' });
    // The API takes a part of an id (letters, digits, '-'); anything else cannot match one.
    if (term !== '') query.set('search', term.replace(/[^A-Za-z0-9-]/g, ''));
    try {
      const { sessions, truncated } = await api(`/v1/sessions?${query}`);
      renderList(sessions, truncated, term);
      notice('');
    } catch (error) {
      notice(`Cannot list sessions: ${error.message}`);
    }
  };
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  });
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = search.value.trim();
    // A whole id opens its session, open or closed (the list holds open ones only).
    if (/^sess-\d+-[A-Za-z0-9]+$/.test(id)) location.assign(`/timeline/${encodeURIComponent(id)}`);
    else void refresh();
  });
  void refresh();
  setInterval(refresh, LIST_REFRESH_MS);
}

function renderList(sessions, truncated, term) {
  const items = sessions.map((session) => {
    const li = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/timeline/${encodeURIComponent(session.sessionId)}`;
    link.textContent = session.sessionId;
    const where = document.createElement('span');
    where.className = 'note';
    where.textContent = ` partition ${session.partition}${session.owned ? '' : ' · served by another gateway'}`;
    li.append(link, where);
    return li;
  });
  $('sessions').replaceChildren(...items);
  const what = term ? `open sessions matching “${term}”` : 'open sessions';
  $('list-note').textContent = `${sessions.length}${truncated ? '+' : ''} ${what}. Closed sessions open by their full id.`;
}

// ---- one session, live ----

function showSession(sessionId) {
  $('session-view').hidden = false;
  $('session-title').textContent = sessionId;
  document.title = `${sessionId} · Aside timeline`;
  const view = { sessionId, timeline: null, position: 0, fetching: false, again: false, timer: undefined, socket: undefined };
  const axis = $('axis');
  const draw = () => {
    if (!view.timeline) return;
    drawTimeline($('chart'), view.timeline, { axis: axis.value, onSelect: (item) => showDetails(item) });
    $('session-status').textContent = `${view.timeline.status} · ${view.timeline.position} events${view.timeline.truncated ? ' (truncated)' : ''}`;
  };
  axis.addEventListener('change', draw);
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(draw, 150);
  });

  // One fetch at a time; events arriving meanwhile ask for one more after it.
  const refetch = async () => {
    if (view.fetching) {
      view.again = true;
      return;
    }
    view.fetching = true;
    try {
      view.timeline = await api(`/v1/sessions/${encodeURIComponent(sessionId)}/timeline`);
      view.position = Math.max(view.position, view.timeline.position);
      draw();
      notice('');
    } catch (error) {
      notice(`Cannot load the timeline: ${error.message}`);
    } finally {
      view.fetching = false;
      if (view.again) {
        view.again = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    clearTimeout(view.timer);
    view.timer = setTimeout(refetch, REFETCH_DEBOUNCE_MS);
  };
  window.asideTimeline = view; // for a look from the console
  void refetch().then(() => follow(view, schedule));
}

/** Follows the session's stream from the last position drawn; any event means "fetch again". */
function follow(view, schedule) {
  const url = new URL(`/v1/sessions/${encodeURIComponent(view.sessionId)}/stream`, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('after', String(view.position));
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) url.searchParams.set('token', token);
  const socket = new WebSocket(url);
  view.socket = socket;
  socket.addEventListener('open', () => setLive('live', 'live'));
  socket.addEventListener('message', (message) => {
    const frame = JSON.parse(message.data);
    if (frame.type === 'event') {
      view.position = Math.max(view.position, frame.event.position);
      schedule();
    } else if (frame.type === 'error') {
      notice(`Stream: ${frame.error.message}`);
    }
  });
  socket.addEventListener('close', (event) => {
    // 1000: the session's stream ended (closed); 44xx: refused (token, unknown session) — retrying will not help.
    if (event.code === 1000) return setLive('ended', 'session closed');
    if (event.code >= 4400 && event.code < 4500) return setLive('refused', `stream refused (${event.code})`);
    setLive('reconnecting', 'reconnecting…');
    setTimeout(() => follow(view, schedule), RECONNECT_MS);
  });
}

function setLive(state, words) {
  const live = $('live');
  live.dataset.state = state;
  live.textContent = words;
}

function showDetails(item) {
  const summary = item.kind === 'deferred_reply' ? `waited for: ${item.waitedFor}\n\n` : '';
  $('details').textContent = `${summary}${JSON.stringify(item, null, 2)}`;
}
