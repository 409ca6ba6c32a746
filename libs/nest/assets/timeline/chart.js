// Draws a session timeline (the JSON of GET /v1/sessions/:id/timeline) as SVG swimlanes.
// The server decides what happened; this file only decides where it goes: x from the chosen
// axis (log order or time), rows packed per lane so that no two items or labels overlap.
// Every text is set with textContent: the log holds what users and models said.

const SVG = 'http://www.w3.org/2000/svg';
const LABEL_WIDTH = 140;
const RIGHT_PAD = 24;
const AXIS_HEIGHT = 26;
const ROW_HEIGHT = 22;
const TASK_ROW_HEIGHT = 36;
const LANE_PAD = 6;
const CHAR_WIDTH = 6.1;
const PROGRESS_CHAR_WIDTH = 5.4;
const MIN_BAR = 4;

/** Renders into `container`; `onSelect(item)` hears clicks on items. */
export function drawTimeline(container, timeline, { axis, onSelect }) {
  const width = Math.max(900, container.clientWidth);
  const scale = scaleFor(timeline, axis, width);
  const lanes = timeline.lanes.map((lane) => ({ lane, placed: packRows(lane.items.map((item) => placement(item, scale))) }));
  // Labels near the end may run past the plot: the chart grows (and scrolls) rather than cut them.
  const fullWidth = Math.ceil(Math.max(width, ...lanes.flatMap(({ placed }) => placed.map((entry) => entry.extent + 8))));
  const svg = el('svg', { class: 'timeline', width: fullWidth, 'data-position': timeline.position });
  svg.append(defs());
  let y = AXIS_HEIGHT;
  const body = el('g', { class: 'lanes' });
  for (const { lane, placed } of lanes) {
    const drawn = drawLane(lane, placed, y, fullWidth, scale, onSelect);
    body.append(drawn.group);
    y += drawn.height;
  }
  svg.append(drawAxis(scale, timeline, width, y), body);
  svg.setAttribute('height', String(y + 4));
  container.replaceChildren(svg);
}

function scaleFor(timeline, axis, width) {
  const plot = width - LABEL_WIDTH - RIGHT_PAD;
  const start = timeline.start ?? { position: 0, at: new Date(0).toISOString() };
  const end = timeline.end ?? start;
  if (axis === 'time') {
    const t0 = Date.parse(start.at);
    const span = Math.max(1, Date.parse(end.at) - t0);
    return { axis, end, right: LABEL_WIDTH + plot, x: (point) => LABEL_WIDTH + ((Date.parse(point.at) - t0) / span) * plot, t0, span };
  }
  const span = Math.max(1, end.position - start.position);
  return { axis, end, right: LABEL_WIDTH + plot, x: (point) => LABEL_WIDTH + ((point.position - start.position) / span) * plot, p0: start.position, span };
}

function drawAxis(scale, timeline, width, height) {
  const group = el('g', { class: 'axis' });
  const ticks = 8;
  for (let index = 0; index <= ticks; index += 1) {
    const x = LABEL_WIDTH + (index / ticks) * (width - LABEL_WIDTH - RIGHT_PAD);
    const label = scale.axis === 'time' ? `+${((scale.span * index) / ticks / 1000).toFixed(scale.span < 10_000 ? 2 : 1)} s` : `#${Math.round(scale.p0 + (scale.span * index) / ticks)}`;
    const last = index === ticks;
    const tickLabel = text(label, { x: last ? x - 3 : x + 3, y: AXIS_HEIGHT - 10, class: 'tick-label', 'text-anchor': last ? 'end' : 'start' });
    group.append(el('line', { x1: x, x2: x, y1: AXIS_HEIGHT - 6, y2: height, class: 'tick' }), tickLabel);
  }
  if (!timeline.start) group.append(text('no events yet', { x: LABEL_WIDTH, y: AXIS_HEIGHT + 14, class: 'empty' }));
  return group;
}

function drawLane(lane, placed, top, width, scale, onSelect) {
  const rowHeight = lane.id === 'tasks' ? TASK_ROW_HEIGHT : ROW_HEIGHT;
  const rows = Math.max(1, ...placed.map((entry) => entry.row + 1));
  const height = rows * rowHeight + 2 * LANE_PAD;
  const group = el('g', { class: `lane lane-${lane.id}`, 'data-lane': lane.id, 'data-items': lane.items.length });
  group.append(
    el('rect', { x: 0, y: top, width, height, class: 'lane-band' }),
    text(lane.label, { x: 8, y: top + LANE_PAD + 14, class: 'lane-label' }),
    text(`${lane.items.length}`, { x: 8, y: top + LANE_PAD + 28, class: 'lane-count' }),
  );
  for (const entry of placed) {
    const y = top + LANE_PAD + entry.row * rowHeight;
    const drawn = drawItem(entry, y, scale);
    drawn.addEventListener('click', () => onSelect(entry.item));
    group.append(drawn);
  }
  return { group, height };
}

/** Where an item goes on x, with the room its label takes. */
function placement(item, scale) {
  const x0 = scale.x(item.from);
  const isMark = item.to !== null && item.to.position === item.from.position && (item.kind === 'user_turn' || item.kind === 'tool_call');
  const x1 = isMark ? x0 : Math.max(x0 + MIN_BAR, scale.x(item.to ?? scale.end));
  // Speech of several agents shares one lane (one audio output): say whose it is.
  const label = shortText(item.kind === 'speech' ? `${item.agent}: ${item.label}` : item.label, 56);
  const labelWidth = label.length * CHAR_WIDTH;
  // A label that would run off the plot's right edge reads leftwards from the item instead.
  const leftward = x0 + 7 + labelWidth > scale.right && x0 - labelWidth - 8 > LABEL_WIDTH;
  const labelX = leftward ? x0 - (isMark ? 8 : 4) : isMark ? x0 + 8 : x0 + 4;
  let start = leftward ? labelX - labelWidth - 4 : x0;
  let extent = leftward ? x1 + 6 : Math.max(x1, labelX + labelWidth) + 6;
  const last = item.kind === 'task' ? item.progress.at(-1) : undefined;
  // The last progress message reads on past its mark (up to a point).
  if (last) extent = Math.max(extent, scale.x(last.at) + Math.min(260, (`${last.update}. ${last.message}`.length + 1) * PROGRESS_CHAR_WIDTH) + 6);
  start = Math.min(start, x0);
  return { item, x0, x1, isMark, label, labelX, leftward, start, extent };
}

/** Greedy interval packing: each item in the first row where it overlaps nothing. */
function packRows(entries) {
  const rowEnds = [];
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  for (const entry of sorted) {
    let row = rowEnds.findIndex((end) => end <= entry.start - (entry.isMark ? 4 : 0));
    if (row < 0) row = rowEnds.push(0) - 1;
    rowEnds[row] = entry.extent;
    entry.row = row;
  }
  return sorted;
}

function drawItem(entry, y, scale) {
  const { item } = entry;
  const group = el('g', { class: `item kind-${item.kind} ${statusClass(item)}`, 'data-kind': item.kind, 'data-id': item.id });
  group.append(el('title', {}, tooltip(item)));
  if (entry.isMark) {
    const cx = entry.x0;
    group.append(el('path', { d: `M${cx} ${y + 3} l6 8 l-6 8 l-6 -8 z`, class: 'mark' }), itemLabel(entry, y));
    return group;
  }
  const width = entry.x1 - entry.x0;
  const bar = el('rect', { x: entry.x0, y: y + 3, width, height: 16, rx: 3, class: 'bar' });
  // Through the CSSOM: a style attribute would be an inline style, which the page's policy refuses.
  bar.style.setProperty('--hue', String(hueOf(item.agent ?? '')));
  group.append(bar);
  if (item.kind === 'speech' && item.started) {
    const waited = Math.max(0, scale.x(item.started) - entry.x0);
    if (waited > 1) group.append(el('rect', { x: entry.x0, y: y + 3, width: waited, height: 16, rx: 3, class: 'bar-queued' }));
  }
  if (item.kind === 'activity') for (const stretch of item.paused) group.append(pausedStretch(stretch, y, scale));
  group.append(itemLabel(entry, y));
  if (item.to === null) group.append(el('path', { d: `M${entry.x1} ${y + 3} l6 8 l-6 8 z`, class: 'open-end' }));
  if (item.kind === 'task') drawProgress(group, item, entry, y, scale);
  if (item.kind === 'deferred_reply') for (const queued of item.entries) group.append(el('line', { x1: scale.x(queued.queued), x2: scale.x(queued.queued), y1: y + 1, y2: y + 21, class: 'entry-mark' }));
  return group;
}

function itemLabel(entry, y) {
  return text(entry.label, { x: entry.labelX, y: y + 15, class: 'item-label', 'text-anchor': entry.leftward ? 'end' : 'start' });
}

function pausedStretch(stretch, y, scale) {
  const x0 = scale.x(stretch.from);
  const x1 = Math.max(x0 + MIN_BAR, scale.x(stretch.to ?? scale.end));
  const rect = el('rect', { x: x0, y: y + 3, width: x1 - x0, height: 16, class: 'paused', 'data-paused-for': stretch.taskActivityId });
  rect.append(el('title', {}, `paused while agent task ${stretch.taskActivityId} ran`));
  return rect;
}

/** A tick per progress update on the task's bar, its message under it as far as the next one. */
function drawProgress(group, task, entry, y, scale) {
  const xs = task.progress.map((mark) => scale.x(mark.at));
  task.progress.forEach((mark, index) => {
    const x = xs[index];
    const next = xs[index + 1] ?? entry.extent;
    const tick = el('g', { class: 'progress-mark', 'data-update': mark.update });
    tick.append(el('title', {}, `update ${mark.update} (attempt ${mark.attempt}): ${mark.message}`), el('circle', { cx: x, cy: y + 11, r: 4 }));
    const room = Math.floor((next - x - 6) / PROGRESS_CHAR_WIDTH);
    if (room >= 4) tick.append(text(shortText(`${mark.update}. ${mark.message}`, room), { x: x + 2, y: y + 31, class: 'progress-label' }));
    group.append(tick);
  });
}

function tooltip(item) {
  const lines = [`${item.kind.replace('_', ' ')}: ${item.label}`, `log #${item.from.position}${item.to ? ` → #${item.to.position}` : ' → (open)'}`];
  if (item.to) lines.push(`${Date.parse(item.to.at) - Date.parse(item.from.at)} ms`);
  if (item.kind === 'deferred_reply') {
    lines.push(`${item.outcome}${item.dropReason ? ` (${item.dropReason})` : ''}; waited for: ${item.waitedFor}`);
    if (item.replyText) lines.push(`reply: ${item.replyText}`);
  }
  if (item.kind === 'task') lines.push(`${item.status}, attempt ${item.attempt}${item.outcome ? `: ${item.outcome}` : ''}`);
  if (item.kind === 'speech') lines.push(`${item.agent}: ${item.status}${item.cause ? ` (${item.cause})` : ''}`);
  return lines.join('\n');
}

function statusClass(item) {
  const status = item.status ?? item.outcome ?? (item.to === null ? 'open' : 'done');
  return `status-${String(status).replace(/[^a-z_]/gi, '')}`;
}

function defs() {
  const defs = el('defs');
  const pattern = el('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(el('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }));
  defs.append(pattern);
  return defs;
}

function hueOf(name) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

function shortText(value, max) {
  const flat = String(value ?? '');
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(1, max - 1))}…`;
}

function text(value, attributes) {
  return el('text', attributes, value);
}

function el(name, attributes = {}, content) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (content !== undefined) node.textContent = content;
  return node;
}
