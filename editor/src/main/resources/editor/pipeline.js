// The pipeline view: where records go. Columns inputs → filters → outputs (Fluentd: sources →
// filters → matches), a box per plugin, and SVG curves for the routes between them.
import { h, replace } from '/kit/dom.js';

const NS = 'http://www.w3.org/2000/svg';

function columnOf(kind) {
  if (kind === 'input' || kind === 'source') return 0;
  if (kind === 'output' || kind === 'match') return 2;
  return 1;
}

/** Fills `panel` with the view's pipeline; `onPick(node)` when a box is clicked. */
export function renderPipeline(panel, view, onPick) {
  const fluentd = view.engine === 'fluentd';
  const pipeline = view.pipeline || { nodes: [], edges: [] };
  const nodes = pipeline.nodes || [];
  const edges = pipeline.edges || [];
  const outgoing = new Set(edges.map((e) => e.from));
  const titles = fluentd ? ['Sources', 'Filters', 'Matches'] : ['Inputs', 'Filters', 'Outputs'];
  const columns = titles.map((t) => h('div', { class: 'pl-col' }, h('h3', { class: 'pl-col-title' }, t)));
  const unrouted = [];
  for (const node of nodes) {
    const col = Number.isInteger(node.column) && node.column >= 0 && node.column <= 2 ? node.column : columnOf(node.kind);
    const noRoute = col === 0 && !outgoing.has(node.id);
    if (noRoute) unrouted.push(node);
    columns[col].appendChild(
      h(
        'button',
        {
          type: 'button',
          class: `pl-node pl-${node.kind}${noRoute ? ' pl-noroute' : ''}`,
          'data-testid': 'pipeline-node',
          'data-id': node.id,
          'data-kind': node.kind,
          title: `Show ${node.kind} ${node.plugin || ''} in the form`,
          onclick: () => onPick(node),
        },
        h('span', { class: 'pl-plugin' }, node.plugin || node.kind),
        node.label ? h('span', { class: 'pl-label' }, node.label) : null,
        noRoute ? h('span', { class: 'pill pill-warn pl-warn' }, 'no route') : null,
      ),
    );
  }
  for (const col of columns) {
    if (col.children.length === 1) col.appendChild(h('p', { class: 'muted small' }, 'None'));
  }
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('class', 'pl-edges');
  svg.setAttribute('aria-hidden', 'true');
  const board = h('div', { class: 'pl-board' }, svg, h('div', { class: 'pl-cols' }, columns));
  const warnings = unrouted.length
    ? h(
        'ul',
        { class: 'pl-warnings', 'data-testid': 'pipeline-warnings' },
        unrouted.map((n) =>
          h('li', {}, h('span', { class: 'pill pill-warn' }, 'no route'), ` ${n.plugin || n.kind}${n.label ? ` (${n.label})` : ''}: no ${fluentd ? 'match' : 'output'} takes its records`),
        ),
      )
    : null;
  replace(
    panel,
    h('div', { class: 'fnd-head' }, h('h2', { class: 'panel-title' }, 'Pipeline'), h('span', { class: 'muted small' }, `${nodes.length} plugins · ${edges.length} routes`)),
    warnings,
    nodes.length ? board : h('p', { class: 'muted' }, 'No plugins yet.'),
  );
  const draw = () => drawEdges(board, svg, edges);
  requestAnimationFrame(draw);
  if (panel._observer) panel._observer.disconnect();
  panel._observer = new ResizeObserver(draw);
  panel._observer.observe(board);
}

function drawEdges(board, svg, edges) {
  if (!board.isConnected) return;
  const origin = board.getBoundingClientRect();
  svg.setAttribute('width', String(board.scrollWidth));
  svg.setAttribute('height', String(board.scrollHeight));
  svg.replaceChildren();
  const box = (id) => {
    const el = board.querySelector(`.pl-node[data-id="${CSS.escape(id)}"]`);
    return el ? el.getBoundingClientRect() : null;
  };
  for (const e of edges) {
    const a = box(e.from);
    const b = box(e.to);
    if (!a || !b) continue;
    let d;
    if (Math.abs(a.left - b.left) < 4) {
      // within one column (filter → filter): an arc on the right
      const x = a.right - origin.left;
      const y1 = a.top + a.height / 2 - origin.top;
      const y2 = b.top + b.height / 2 - origin.top;
      d = `M${x},${y1} C${x + 28},${y1} ${x + 28},${y2} ${x},${y2}`;
    } else {
      const x1 = a.right - origin.left;
      const y1 = a.top + a.height / 2 - origin.top;
      const x2 = b.left - origin.left;
      const y2 = b.top + b.height / 2 - origin.top;
      const mid = (x1 + x2) / 2;
      d = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
    }
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    path.setAttribute('class', 'pl-edge');
    path.dataset.from = e.from;
    path.dataset.to = e.to;
    svg.appendChild(path);
  }
}
