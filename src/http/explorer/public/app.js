/**
 * The Explorer: wires the search boxes, the drawing, the side panel and the address bar together.
 * The address bar holds the view (`/?key=zhongguancun&depth=2&asOf=2009`, `/?from=huawei&to=torch-program`),
 * so a view can be shared and reloaded; Back and Forward walk through views.
 */
import { entityOperation, gql, graphiqlUrl, neighborhoodOperation, pathsOperation } from './api.js';
import { Combobox } from './combobox.js';
import { Graph } from './graph.js';
import { h, showEntity, showIntro, showLoading, showPaths, showRelation } from './panel.js';
import { TYPES, typeInfo } from './types.js';

const $ = (selector) => /** @type {HTMLElement} */ (document.querySelector(selector));

const panel = $('#panel');
const status = $('#graph-status');
const legend = $('#legend');
const emptyState = $('#empty-state');
const depthSelect = /** @type {HTMLSelectElement} */ ($('#depth-select'));
const yearInput = /** @type {HTMLInputElement} */ ($('#year-input'));
const graphiqlLink = /** @type {HTMLAnchorElement} */ ($('#graphiql-link'));
const toast = $('#toast');

/**
 * @typedef {{ mode: 'none' } | { mode: 'neighborhood', key: string, depth: number, asOf?: number }
 *   | { mode: 'paths', from: string, to: string }} View
 */

/** @type {View} */
let view = { mode: 'none' };
/** The paths drawn, in path mode. */
let pathView = null;
/** Bumped by every new view: answers for an older one are dropped. */
let generation = 0;
let busy = 0;
/** @type {Map<string, any>} entity details by global id */
const details = new Map();

function setBusy(delta) {
  busy += delta;
  document.body.dataset.busy = String(busy > 0);
}

let toastTimer = 0;
function showError(error) {
  console.error(error);
  const message = error instanceof Error ? error.message : String(error);
  // A view that failed to load says why where its details would be.
  if (panel.querySelector('.loading')) panel.replaceChildren(h('p', { class: 'error' }, message));
  toast.textContent = message;
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    toast.hidden = true;
  }, 6000);
}

/** Runs an async step with the busy flag set, reporting its failure. */
async function task(step) {
  setBusy(1);
  try {
    return await step();
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    setBusy(-1);
  }
}

// --- the drawing ---------------------------------------------------------------------------------

const graph = new Graph($('#cy'), {
  onNode: (data) => void selectNode(data.id),
  onExpand: (data) => void expand(data),
  onEdge: (data) => selectEdge(data),
  onBackground: () => {
    graph.unselect();
    showOverview();
  },
  onChange: () => renderChrome(),
});
window.__explorer = { cy: graph.cy, graph };

function renderChrome() {
  const nodes = graph.cy.nodes().length;
  const edges = graph.cy.edges().length;
  emptyState.hidden = nodes > 0;
  const parts = [];
  if (nodes)
    parts.push(`${nodes} entit${nodes === 1 ? 'y' : 'ies'} · ${edges} relation${edges === 1 ? '' : 's'}`);
  if (view.mode === 'neighborhood' && view.asOf) parts.push(`as of ${view.asOf}`);
  status.replaceChildren(
    ...parts.map((text) => h('span', { class: 'pill' }, text)),
    graph.truncated ? h('span', { class: 'pill warning' }, 'limited to 200 entities: lower the depth') : '',
  );
  status.hidden = !nodes;
  const counts = graph.typeCounts();
  legend.hidden = !counts.size;
  legend.replaceChildren(
    h('h2', { class: 'legend-title' }, 'Legend'),
    h(
      'ul',
      null,
      Object.keys(TYPES)
        .filter((type) => counts.has(type))
        .map((type) =>
          h(
            'li',
            null,
            h('span', { class: 'dot', style: { background: typeInfo(type).color } }),
            typeInfo(type).label,
            h('span', { class: 'count' }, counts.get(type)),
          ),
        ),
    ),
  );
}

// --- the address bar ----------------------------------------------------------------------------

function clampDepth(value) {
  const depth = Number.parseInt(value ?? '', 10);
  return Number.isFinite(depth) ? Math.min(3, Math.max(1, depth)) : 1;
}

function parseYear(value) {
  const year = Number.parseInt(value ?? '', 10);
  return Number.isFinite(year) && year >= 1900 && year <= 2100 ? year : undefined;
}

/** @returns {View} */
function viewFromUrl() {
  const params = new URLSearchParams(location.search);
  const from = params.get('from');
  const to = params.get('to');
  if (from && to) return { mode: 'paths', from, to };
  const key = params.get('key');
  if (key)
    return {
      mode: 'neighborhood',
      key,
      depth: clampDepth(params.get('depth')),
      asOf: parseYear(params.get('asOf')),
    };
  return { mode: 'none' };
}

/** @param {View} v */
function urlOf(v) {
  const params = new URLSearchParams();
  if (v.mode === 'neighborhood') {
    params.set('key', v.key);
    params.set('depth', String(v.depth));
    if (v.asOf) params.set('asOf', String(v.asOf));
  } else if (v.mode === 'paths') {
    params.set('from', v.from);
    params.set('to', v.to);
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** @param {View} v @param {boolean} push */
function remember(v, push) {
  const url = urlOf(v);
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

// --- views --------------------------------------------------------------------------------------

/** Loads a view; when that fails, the drawing of the previous view goes too. */
async function loadView(mine, step) {
  const ok = await task(async () => {
    await step();
    return true;
  });
  if (!ok && mine === generation) {
    graph.truncated = false;
    graph.clear();
  }
}

/** @param {View} next @param {{ push?: boolean }} [options] */
async function go(next, { push = true } = {}) {
  remember(next, push);
  view = next;
  const mine = ++generation;
  pathView = null;
  if (next.mode === 'none') {
    graph.truncated = false;
    graph.clear();
    graphiqlLink.href = '/graphql';
    showIntro(panel);
    return;
  }
  if (next.mode === 'neighborhood') {
    depthSelect.value = String(next.depth);
    yearInput.value = next.asOf ? String(next.asOf) : '';
    const op = neighborhoodOperation({ key: next.key, depth: next.depth, asOf: next.asOf });
    graphiqlLink.href = graphiqlUrl(op);
    showLoading(panel);
    await loadView(mine, async () => {
      const data = await gql(op.query, op.variables);
      if (mine !== generation) return;
      const subgraph = data.neighborhood;
      const root = subgraph.nodes.find((node) => node.key === next.key);
      if (!root) {
        graph.truncated = false;
        graph.clear();
        panel.replaceChildren(
          h(
            'p',
            { class: 'muted' },
            `Nothing has the key “${next.key}”${next.asOf ? ` as of ${next.asOf}` : ''}.`,
          ),
        );
        return;
      }
      search.set(root);
      document.title = `${root.name} · hitech-kg Explorer`;
      graph.truncated = subgraph.truncated;
      graph.show(subgraph, { rootIds: [root.id] });
      await selectNode(root.id);
    });
    return;
  }
  // paths
  const op = pathsOperation({ fromKey: next.from, toKey: next.to });
  graphiqlLink.href = graphiqlUrl(op);
  showLoading(panel, 'Looking for connections…');
  await loadView(mine, async () => {
    const data = await gql(op.query, op.variables);
    if (mine !== generation) return;
    const paths = data.paths;
    const nodes = new Map();
    const edges = new Map();
    for (const path of paths) {
      for (const node of path.nodes) nodes.set(node.id, node);
      for (const edge of path.edges) edges.set(edge.id, edge);
    }
    const ends = paths[0] ? [paths[0].nodes[0], paths[0].nodes[paths[0].nodes.length - 1]] : [];
    const from = ends[0] ?? fromBox.chosen ?? { name: next.from, key: next.from };
    const to = ends[1] ?? toBox.chosen ?? { name: next.to, key: next.to };
    if (ends[0]) fromBox.set(ends[0]);
    if (ends[1]) toBox.set(ends[1]);
    document.title = `${from.name} → ${to.name} · hitech-kg Explorer`;
    graph.truncated = false;
    graph.show(
      { nodes: [...nodes.values()], edges: [...edges.values()] },
      { rootIds: ends.map((n) => n.id) },
    );
    pathView = { from, to, paths, selected: 0 };
    pickPath(0);
  });
}

function pickPath(index) {
  if (!pathView) return;
  pathView.selected = index;
  const path = pathView.paths[index];
  graph.highlightPath(path ? path.nodes.map((n) => n.id) : [], path ? path.edges.map((e) => e.id) : []);
  showPaths(panel, pathView, pickPath);
}

function showOverview() {
  if (pathView) showPaths(panel, pathView, pickPath);
  else if (view.mode === 'neighborhood') {
    const root = graph.cy.nodes('.root').first();
    if (root.nonempty()) void selectNode(root.id());
  } else showIntro(panel);
}

/** @param {string} id */
async function entityDetails(id) {
  if (!details.has(id)) {
    const op = entityOperation(id);
    const data = await gql(op.query, op.variables);
    if (!data.node) throw new Error('This entity no longer exists.');
    details.set(id, data.node);
  }
  return details.get(id);
}

let selection = 0;
/** Selects a node and shows its details. @param {string} id */
async function selectNode(id) {
  graph.select(id);
  const mine = ++selection;
  showLoading(panel);
  await task(async () => {
    const entity = await entityDetails(id);
    if (mine !== selection) return;
    showEntity(panel, entity, entityActions);
  });
}

function selectEdge(data) {
  ++selection;
  graph.select(data.id);
  const from = graph.cy.getElementById(data.source).data();
  const to = graph.cy.getElementById(data.target).data();
  showRelation(panel, data.relation, from, to, (id) => void selectNode(id));
}

/** An entity's relations (from its details) as a subgraph around it, with the API's relation ids. */
function relationsAround(entity, only) {
  const self = {
    __typename: entity.__typename,
    id: entity.id,
    key: entity.key,
    name: entity.name,
    nameZh: entity.nameZh,
  };
  const nodes = [self];
  const edges = [];
  for (const edge of entity.relations?.edges ?? []) {
    if (only && edge.node.id !== only) continue;
    nodes.push(edge.node);
    const [from, to] = edge.direction === 'INCOMING' ? [edge.node, self] : [self, edge.node];
    edges.push({
      id: `${edge.type}:${from.__typename}:${from.key}->${to.__typename}:${to.key}`,
      type: edge.type,
      since: edge.since,
      until: edge.until,
      year: edge.year,
      from: { id: from.id },
      to: { id: to.id },
      evidence: edge.evidence,
    });
  }
  return { nodes, edges };
}

/** Adds a node's neighbours to the drawing. @param {{ id: string, key: string }} data */
async function expand(data) {
  if (view.mode === 'none') return;
  const mine = generation;
  await task(async () => {
    const asOf = view.mode === 'neighborhood' ? view.asOf : undefined;
    const op = neighborhoodOperation({ key: data.key, depth: 1, asOf });
    const result = await gql(op.query, op.variables);
    if (mine !== generation) return;
    let subgraph = result.neighborhood;
    // Keys are unique per type only: when the key named another entity, use this one's own relations.
    if (!subgraph.nodes.some((node) => node.id === data.id))
      subgraph = relationsAround(await entityDetails(data.id));
    const added = graph.merge(subgraph, data.id);
    status.append(h('span', { class: 'pill note' }, added ? `+${added} added` : 'nothing new'));
  });
  await selectNode(data.id);
}

/** Shows a related entity: selects it, adding it (and its relation) to the drawing first if needed. */
async function walk(target, fromEntity) {
  if (!graph.has(target.id)) {
    const subgraph = relationsAround(fromEntity, target.id);
    if (!graph.has(fromEntity.id)) subgraph.edges = [];
    graph.merge(subgraph, fromEntity.id);
  }
  await selectNode(target.id);
}

const entityActions = {
  onWalk: (target, entity) => void walk(target, entity),
  onExplore: (ref) =>
    void go({
      mode: 'neighborhood',
      key: ref.key,
      depth: clampDepth(depthSelect.value),
      asOf: parseYear(yearInput.value),
    }),
  onExpand: (ref) => void expand(ref),
  onConnect: (end, ref) => {
    const box = end === 'from' ? fromBox : toBox;
    box.set(ref);
    const other = end === 'from' ? toBox : fromBox;
    if (other.chosen && other.chosen.key !== ref.key) {
      void go({ mode: 'paths', from: fromBox.chosen.key, to: toBox.chosen.key });
    } else other.input.focus();
  },
  inGraph: (id) => graph.has(id),
};

// --- the controls -------------------------------------------------------------------------------

function exploreEntity(entity) {
  void go({
    mode: 'neighborhood',
    key: entity.key,
    depth: clampDepth(depthSelect.value),
    asOf: parseYear(yearInput.value),
  });
}

const search = new Combobox($('[data-combobox="search"]'), { onChoose: exploreEntity });
const fromBox = new Combobox($('[data-combobox="from"]'), {
  onChoose: () => {
    if (!toBox.chosen) toBox.input.focus();
  },
});
const toBox = new Combobox($('[data-combobox="to"]'), {
  onChoose: () => {
    if (fromBox.chosen) void findPath();
  },
});

$('#explore-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void task(async () => {
    const entity = await search.resolve();
    if (entity) exploreEntity(entity);
  });
});

async function findPath() {
  await task(async () => {
    const [from, to] = await Promise.all([fromBox.resolve(), toBox.resolve()]);
    if (!from || !to) {
      (from ? toBox : fromBox).input.focus();
      throw new Error('Choose both ends of the connection.');
    }
    await go({ mode: 'paths', from: from.key, to: to.key });
  });
}

$('#path-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void findPath();
});

function viewControlsChanged() {
  if (view.mode !== 'neighborhood') return;
  const depth = clampDepth(depthSelect.value);
  const asOf = parseYear(yearInput.value);
  if (depth === view.depth && asOf === view.asOf) return;
  void go({ mode: 'neighborhood', key: view.key, depth, asOf });
}
depthSelect.addEventListener('change', viewControlsChanged);
yearInput.addEventListener('change', viewControlsChanged);
yearInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    viewControlsChanged();
  }
});

$('#fit-button').addEventListener('click', () => graph.fit());
$('#layout-button').addEventListener('click', () => graph.relayout());

// Links to views of this page (the examples) change the view without reloading.
document.addEventListener('click', (event) => {
  const link = /** @type {HTMLElement} */ (event.target).closest?.('a[href^="/?"]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  history.pushState(null, '', link.getAttribute('href'));
  void go(viewFromUrl(), { push: false });
});

window.addEventListener('popstate', () => void go(viewFromUrl(), { push: false }));

document.body.dataset.busy = 'false';
void go(viewFromUrl(), { push: false });
