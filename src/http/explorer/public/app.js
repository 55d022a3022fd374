/**
 * The Explorer: wires the search boxes, the drawing, the side panel and the address bar together.
 * The address bar holds the whole view, so a view can be shared and reloaded:
 * `/?key=zhongguancun&depth=2&asOf=2009&sel=lenovo&expand=state-council`, `/?from=huawei&to=torch-program`.
 * A new view is a new history entry (Back restores the previous one, title included); selecting,
 * expanding and hiding update the current entry.
 */
import { entityOperation, gql, graphiqlUrl, neighborhoodOperation, pathsOperation } from './api.js';
import { Combobox } from './combobox.js';
import { download, toCsv, toGraphml, toJson } from './export.js';
import { Graph } from './graph.js';
import { h, showEntity, showIntro, showLoading, showPaths, showRelation } from './panel.js';
import { TYPES, typeInfo } from './types.js';

const $ = (selector) => /** @type {HTMLElement} */ (document.querySelector(selector));

const panel = $('#panel');
const status = $('#graph-status');
const capNote = $('#cap-note');
const legend = $('#legend');
const emptyState = $('#empty-state');
const progress = $('#graph-progress');
const tooltip = $('#graph-tooltip');
const depthSelect = /** @type {HTMLSelectElement} */ ($('#depth-select'));
const yearInput = /** @type {HTMLInputElement} */ ($('#year-input'));
const yearSlider = /** @type {HTMLInputElement} */ ($('#year-slider'));
const yearPlay = /** @type {HTMLButtonElement} */ ($('#year-play'));
const langButton = /** @type {HTMLButtonElement} */ ($('#lang-button'));
const groupToggle = /** @type {HTMLInputElement} */ ($('#group-toggle'));
const graphiqlLink = /** @type {HTMLAnchorElement} */ ($('#graphiql-link'));
const detailsJump = $('#details-jump');
const toast = $('#toast');

const BASE_TITLE = 'hitech-kg Explorer';
/** Types of entity that join many others without saying much (a shared status, a co-mention). */
const HUB_TYPES = new Set(['Designation', 'Event']);

/**
 * @typedef {{ mode: 'none' }
 *   | { mode: 'neighborhood', key: string, depth: number, asOf?: number, types?: string[], undated?: 'hide',
 *       sel?: string, expand?: string[], hidden?: string[] }
 *   | { mode: 'paths', from: string, to: string, hubs?: 'allow', sel?: string }} View
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
  onProgress: (done) => {
    progress.hidden = done === null;
    $('#cy').classList.toggle('is-laying-out', done !== null);
    if (done !== null) {
      const count = graph.cy.nodes().not('.off, .user-hidden, .collapsed, .undated-off, .leaving').length;
      progress.querySelector('.progress-text').textContent =
        `Laying out ${count} entit${count === 1 ? 'y' : 'ies'}… ${Math.round(done * 100)}%`;
      /** @type {HTMLProgressElement} */ (progress.querySelector('progress')).value = done;
    }
  },
  onHover: (data, at) => {
    if (!data) {
      tooltip.hidden = true;
      return;
    }
    const info = typeInfo(data.typename);
    tooltip.replaceChildren(
      h('strong', null, data.name),
      data.nameZh && data.nameZh !== data.name ? h('span', { lang: 'zh' }, data.nameZh) : null,
      h(
        'span',
        { class: 'muted' },
        data.summary
          ? 'Click to show them'
          : `${info.label}${data.undated ? ' · undated' : ''}${data.year ? ` · ${data.year}` : ''}`,
      ),
    );
    tooltip.hidden = false;
    const stage = $('.graph-stage').getBoundingClientRect();
    tooltip.style.left = `${Math.min(at.x - stage.left + 14, stage.width - 260)}px`;
    tooltip.style.top = `${at.y - stage.top + 14}px`;
  },
  onPin: () => {
    const selected = graph.cy.nodes(':selected').first();
    if (selected.nonempty()) void selectNode(selected.id(), { quiet: true });
  },
});
window.__explorer = { cy: graph.cy, graph };

// --- the language of labels (remembered) ---------------------------------------------------------

const LANG_KEY = 'hitech-kg.explorer.lang';
function setLanguage(lang) {
  graph.setLanguage(lang);
  document.body.dataset.lang = lang;
  langButton.textContent = lang === 'zh' ? 'EN' : '中文';
  langButton.setAttribute('aria-label', lang === 'zh' ? 'Labels in English' : 'Labels in Chinese (中文)');
  langButton.setAttribute('aria-pressed', String(lang === 'zh'));
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // no storage: not remembered
  }
}
langButton.addEventListener('click', () => setLanguage(graph.lang === 'zh' ? 'en' : 'zh'));
try {
  setLanguage(localStorage.getItem(LANG_KEY) === 'zh' ? 'zh' : 'en');
} catch {
  setLanguage('en');
}

// --- status pills, the cap note and the legend -----------------------------------------------

function plural(count, one, many = `${one}s`) {
  return `${count} ${count === 1 ? one : many}`;
}

function renderChrome() {
  const all = graph.cy.nodes().filter((n) => !n.hasClass('leaving') && !n.hasClass('summary'));
  const nodes = all.length;
  const edges = graph.cy.edges().filter((e) => !e.hasClass('leaving') && !e.data('summary')).length;
  emptyState.hidden = nodes > 0 || graph.running;
  const pills = [];
  if (nodes)
    pills.push(
      h('span', { class: 'pill' }, `${plural(nodes, 'entity', 'entities')} · ${plural(edges, 'relation')}`),
    );
  if (view.mode === 'neighborhood' && view.asOf) {
    pills.push(h('span', { class: 'pill' }, `as of ${view.asOf}`));
    const undated = all.filter((n) => n.data('undated')).length;
    if (undated) {
      pills.push(
        h(
          'span',
          {
            class: 'pill undated-pill',
            title:
              'Designations with no year are kept in every "as of" view (undated zones, events … are left out by the server)',
          },
          `${undated} undated${view.undated === 'hide' ? ' (left out)' : ', dashed'}`,
          h(
            'button',
            { type: 'button', id: 'undated-toggle', class: 'pill-button', onclick: () => toggleUndated() },
            view.undated === 'hide' ? 'show' : 'leave out',
          ),
        ),
      );
    }
  }
  if (graph.changes && (graph.changes.appeared || graph.changes.left)) {
    pills.push(
      h(
        'span',
        { class: 'pill note changes' },
        `+${graph.changes.appeared} appeared · −${graph.changes.left} left`,
      ),
    );
  }
  const hidden = graph.cy.nodes('.user-hidden').length;
  if (hidden) {
    pills.push(
      h(
        'span',
        { class: 'pill' },
        `${hidden} hidden `,
        h(
          'button',
          { type: 'button', id: 'show-hidden', class: 'pill-button', onclick: () => showAllHidden() },
          'show all',
        ),
      ),
    );
  }
  if (view.mode === 'neighborhood' && view.types?.length) {
    pills.push(
      h(
        'span',
        { class: 'pill' },
        view.types.length <= 3
          ? `only ${view.types.map((t) => typeInfo(t).label).join(', ')} `
          : `${view.types.length} types only `,
        h(
          'button',
          { type: 'button', class: 'pill-button', onclick: () => reload({ types: undefined }) },
          'all types',
        ),
      ),
    );
  }
  if (graph.truncated && view.mode === 'neighborhood') {
    const deeper =
      view.depth === 1
        ? 'depths 2 and 3 would add nothing'
        : view.depth === 2
          ? 'depth 3 would add nothing'
          : 'the limit was reached';
    pills.push(h('span', { class: 'pill warning' }, `Limited to 200 entities, more were cut: ${deeper}`));
  }
  status.replaceChildren(...pills);
  status.hidden = !nodes;
  renderCapNote();
  renderDepthOptions();
  renderLegend();
}

function renderCapNote() {
  capNote.hidden = !(graph.truncated && view.mode === 'neighborhood');
  if (capNote.hidden) return;
  const counts = graph.typeCounts();
  const root = graph.cy.nodes('.root').first();
  const rootType = root.nonempty() ? root.data('typename') : null;
  const types = [...counts.keys()].filter((t) => t !== rootType || counts.get(t) > 1);
  capNote.replaceChildren(
    h('span', null, 'To see all of one kind, show only: '),
    ...types.map((type) =>
      h(
        'button',
        {
          type: 'button',
          class: 'button button-small',
          'data-type': type,
          onclick: () => reload({ types: [type] }),
        },
        h('span', { class: 'dot', style: { background: typeInfo(type).color } }),
        typeInfo(type).label,
      ),
    ),
    h('span', { class: 'muted' }, ' — or double-click a node to expand it.'),
  );
}

function renderDepthOptions() {
  for (const option of depthSelect.options) {
    const depth = Number(option.value);
    const capped = view.mode === 'neighborhood' && graph.truncated && depth > view.depth;
    option.disabled = capped;
    option.textContent = `${depth} step${depth === 1 ? '' : 's'}${capped ? ' (capped)' : ''}`;
  }
}

function renderLegend() {
  const counts = graph.typeCounts();
  legend.hidden = !counts.size;
  legend.replaceChildren(
    h('h2', { class: 'legend-title' }, 'Legend'),
    h(
      'ul',
      null,
      Object.keys(TYPES)
        .filter((type) => counts.has(type))
        .map((type) => {
          const off = graph.hiddenTypes.has(type);
          return h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: `legend-item${off ? ' is-off' : ''}`,
                'data-type': type,
                'aria-pressed': String(!off),
                title: off ? `Show ${typeInfo(type).label}` : `Hide ${typeInfo(type).label}`,
                onclick: () => {
                  graph.setTypeHidden(type, !off);
                },
              },
              h('span', { class: 'dot', style: { background: typeInfo(type).color } }),
              typeInfo(type).label,
              h('span', { class: 'count' }, counts.get(type)),
            ),
          );
        }),
    ),
    ...(view.mode === 'neighborhood' && view.asOf
      ? [
          h(
            'span',
            { class: 'legend-note' },
            h('span', { class: 'dot dashed' }),
            'dashed: no year, kept in every year',
          ),
        ]
      : []),
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

const list = (value) => (value ? value.split(',').filter(Boolean) : undefined);

/** @returns {View} */
function viewFromUrl() {
  const params = new URLSearchParams(location.search);
  const from = params.get('from');
  const to = params.get('to');
  if (from && to)
    return {
      mode: 'paths',
      from,
      to,
      hubs: params.get('hubs') === 'allow' ? 'allow' : undefined,
      sel: params.get('sel') ?? undefined,
    };
  const key = params.get('key');
  if (key)
    return {
      mode: 'neighborhood',
      key,
      depth: clampDepth(params.get('depth')),
      asOf: parseYear(params.get('asOf')),
      types: list(params.get('types'))?.filter((t) => t in TYPES),
      undated: params.get('undated') === 'hide' ? 'hide' : undefined,
      sel: params.get('sel') ?? undefined,
      expand: list(params.get('expand')),
      hidden: list(params.get('hidden')),
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
    if (v.types?.length) params.set('types', v.types.join(','));
    if (v.undated) params.set('undated', v.undated);
    if (v.expand?.length) params.set('expand', v.expand.join(','));
    if (v.hidden?.length) params.set('hidden', v.hidden.join(','));
    if (v.sel) params.set('sel', v.sel);
  } else if (v.mode === 'paths') {
    params.set('from', v.from);
    params.set('to', v.to);
    if (v.hubs) params.set('hubs', v.hubs);
    if (v.sel) params.set('sel', v.sel);
  }
  const query = params.toString().replaceAll('%2C', ',');
  return query ? `/?${query}` : '/';
}

/** Writes the view into the address bar: a new entry, or the current one replaced. */
function remember(v, push) {
  const url = urlOf(v);
  const state = { title: document.title };
  if (url === `${location.pathname}${location.search}`) {
    history.replaceState(state, '', url);
    return;
  }
  if (push) history.pushState(state, '', url);
  else history.replaceState(state, '', url);
}

/** The current view's selection, expansions and hidden nodes changed: the address bar follows. */
function updateUrl() {
  remember(view, false);
}

function setTitle(title) {
  document.title = title ? `${title} · ${BASE_TITLE}` : BASE_TITLE;
  history.replaceState({ title: document.title }, '', location.href);
}

/**
 * The server's export of the view's neighbourhood or paths, with every source of every fact (importable
 * by `npm run import`); it has no entity-type filter, so a `types=` view exports all types.
 */
function serverExport(v) {
  const link = /** @type {HTMLAnchorElement} */ ($('#export-server'));
  const params = new URLSearchParams({ format: 'graphml' });
  if (v.mode === 'neighborhood') {
    params.set('key', v.key);
    params.set('depth', String(v.depth));
    if (v.asOf) params.set('asOf', String(v.asOf));
    link.href = `/export/neighborhood?${params}`;
  } else if (v.mode === 'paths') {
    params.set('from', v.from);
    params.set('to', v.to);
    link.href = `/export/paths?${params}`;
  }
  link.hidden = v.mode === 'none';
}

function viewTitle(root) {
  if (view.mode !== 'neighborhood') return root.name;
  const parts = [root.name, `${view.depth} step${view.depth === 1 ? '' : 's'}`];
  if (view.asOf) parts.push(`as of ${view.asOf}`);
  if (view.types?.length) parts.push(`only ${view.types.join(', ')}`);
  return parts.join(' · ');
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

/** The same neighbourhood with some settings changed (a new history entry). */
function reload(changes) {
  if (view.mode !== 'neighborhood') return Promise.resolve();
  return go({ ...view, sel: undefined, ...changes });
}

/** @param {View} next @param {{ push?: boolean }} [options] */
async function go(next, { push = true } = {}) {
  const previous = view;
  remember(next, push);
  serverExport(next);
  view = next;
  const mine = ++generation;
  pathView = null;
  if (next.mode === 'none') {
    graph.truncated = false;
    graph.clear();
    graphiqlLink.href = '/graphql';
    setTitle('');
    showIntro(panel);
    return;
  }
  $('#cy').classList.add('is-loading');
  if (next.mode === 'neighborhood') {
    depthSelect.value = String(next.depth);
    yearInput.value = next.asOf ? String(next.asOf) : '';
    if (next.asOf) yearSlider.value = String(next.asOf);
    yearSlider.dataset.any = String(!next.asOf);
    const op = neighborhoodOperation({
      key: next.key,
      depth: next.depth,
      asOf: next.asOf,
      types: next.types,
    });
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
      const title = viewTitle(root);
      setTitle(title);
      graphiqlLink.href = graphiqlUrl(op, title);
      graph.truncated = subgraph.truncated;
      graph.setMarkUndated(Boolean(next.asOf));
      graph.hideUndated = next.undated === 'hide';
      const keep =
        previous.mode === 'neighborhood' && previous.key === next.key && graph.cy.nodes().nonempty();
      const laidOut = graph.show(subgraph, { rootIds: [root.id], keep });
      $('#cy').classList.remove('is-loading');
      for (const key of next.hidden ?? []) {
        const node = nodeByKey(key);
        if (node) graph.setHidden(node.id(), true);
      }
      await laidOut;
      for (const key of next.expand ?? []) {
        if (mine !== generation) return;
        const node = nodeByKey(key);
        if (node) await expandNow(node.data(), mine);
      }
      if (mine !== generation) return;
      const selected = next.sel ? nodeByKey(next.sel) : null;
      await selectNode(selected ? selected.id() : root.id, { quiet: !selected });
    });
    $('#cy').classList.remove('is-loading');
    return;
  }
  // paths
  const op = pathsOperation({ fromKey: next.from, toKey: next.to });
  showLoading(panel, 'Looking for connections…');
  await loadView(mine, async () => {
    const data = await gql(op.query, op.variables);
    if (mine !== generation) return;
    const paths = rankPaths(data.paths, next.hubs !== 'allow').slice(0, 5);
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
    const title = `${from.name} → ${to.name}`;
    setTitle(title);
    graphiqlLink.href = graphiqlUrl(op, title);
    graph.truncated = false;
    graph.setMarkUndated(false);
    const laidOut = graph.show(
      { nodes: [...nodes.values()], edges: [...edges.values()] },
      { rootIds: ends.map((n) => n.id) },
    );
    $('#cy').classList.remove('is-loading');
    pathView = { from, to, paths, selected: 0, avoidHubs: next.hubs !== 'allow', hubCount };
    pickPath(0);
    await laidOut;
  });
  $('#cy').classList.remove('is-loading');
}

/** How many generic hubs (designations, co-mention events) a path passes through. */
function hubCount(path) {
  return path.nodes.slice(1, -1).filter((node) => HUB_TYPES.has(node.__typename)).length;
}

/** Shortest first; among equals, with "avoid hubs", those through fewer generic hubs first. */
function rankPaths(paths, avoidHubs) {
  const indexed = paths.map((path, index) => ({ path, index, hubs: hubCount(path) }));
  indexed.sort(
    (a, b) => a.path.length - b.path.length || (avoidHubs ? a.hubs - b.hubs : 0) || a.index - b.index,
  );
  return indexed.map((item) => item.path);
}

function pickPath(index) {
  if (!pathView) return;
  pathView.selected = index;
  const path = pathView.paths[index];
  graph.highlightPath(path ? path.nodes.map((n) => n.id) : [], path ? path.edges.map((e) => e.id) : []);
  showPaths(panel, pathView, {
    onPick: pickPath,
    onAvoidHubs: (avoid) => {
      if (view.mode === 'paths')
        void go({ ...view, hubs: avoid ? undefined : 'allow', sel: undefined }, { push: false });
    },
  });
}

function showOverview() {
  if (view.mode !== 'none' && 'sel' in view && view.sel) {
    view = { ...view, sel: undefined };
    updateUrl();
  }
  detailsJump.hidden = true;
  if (pathView) pickPath(pathView.selected);
  else if (view.mode === 'neighborhood') {
    const root = graph.cy.nodes('.root').first();
    if (root.nonempty()) void selectNode(root.id(), { quiet: true });
  } else showIntro(panel);
}

function nodeByKey(key) {
  const node = graph.cy.nodes().filter((n) => n.data('key') === key && !n.hasClass('summary'))[0];
  return node ?? null;
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
/**
 * Selects a node and shows its details; the address bar keeps the selection (unless `quiet`: the
 * view's own default, its centre).
 * @param {string} id @param {{ quiet?: boolean }} [options]
 */
async function selectNode(id, { quiet = false } = {}) {
  graph.select(id);
  const node = graph.cy.getElementById(id);
  if (!quiet && view.mode !== 'none' && node.nonempty()) {
    view = {
      ...view,
      sel: node.hasClass('root') && view.mode === 'neighborhood' ? undefined : node.data('key'),
    };
    updateUrl();
  }
  const mine = ++selection;
  showLoading(panel);
  await task(async () => {
    const entity = await entityDetails(id);
    if (mine !== selection) return;
    showEntity(panel, entity, entityActions);
    const name = node.nonempty() ? node.data('name') : entity.name;
    detailsJump.hidden = quiet;
    detailsJump.querySelector('.details-name').textContent = name;
  });
}

function selectEdge(data) {
  if (data.summary) return;
  ++selection;
  graph.select(data.id);
  const from = graph.cy.getElementById(data.source).data();
  const to = graph.cy.getElementById(data.target).data();
  showRelation(panel, data.relation, from, to, (id) => void selectNode(id));
}

/** An entity's relations (from its details) as a subgraph around it, with the API's relation ids. */
function relationsAround(entity, keep = () => true) {
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
    if (!keep(edge)) continue;
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

/** Adds a node's neighbours to the drawing (without selecting it). */
async function expandNow(data, mine = generation) {
  const asOf = view.mode === 'neighborhood' ? view.asOf : undefined;
  const op = neighborhoodOperation({ key: data.key, depth: 1, asOf });
  const result = await gql(op.query, op.variables);
  if (mine !== generation) return 0;
  let subgraph = result.neighborhood;
  // Keys are unique per type only: when the key named another entity, use this one's own relations.
  if (!subgraph.nodes.some((node) => node.id === data.id))
    subgraph = relationsAround(await entityDetails(data.id));
  return graph.merge(subgraph, data.id);
}

/** Adds a node's neighbours to the drawing; the address bar remembers it. @param {{ id: string, key: string }} data */
async function expand(data) {
  if (view.mode === 'none') return;
  const mine = generation;
  await task(async () => {
    const added = await expandNow(data, mine);
    if (mine !== generation) return;
    if (view.mode === 'neighborhood' && !(view.expand ?? []).includes(data.key)) {
      view = { ...view, expand: [...(view.expand ?? []), data.key] };
      updateUrl();
    }
    status.append(h('span', { class: 'pill note' }, added ? `+${added} added` : 'nothing new'));
  });
  await selectNode(data.id);
}

/** Shows a related entity: selects it, adding it (and its relation) to the drawing first if needed. */
async function walk(target, fromEntity) {
  if (!graph.has(target.id)) {
    const subgraph = relationsAround(fromEntity, (edge) => edge.node.id === target.id);
    if (!graph.has(fromEntity.id)) subgraph.edges = [];
    graph.merge(subgraph, fromEntity.id);
  }
  await selectNode(target.id);
}

/** Adds all of an entity's relations of one type and direction ("Expand by relation type"). */
async function expandType(entity, type, direction) {
  const subgraph = relationsAround(entity, (edge) => edge.type === type && edge.direction === direction);
  if (!graph.has(entity.id)) return;
  const added = graph.merge(subgraph, entity.id);
  status.append(h('span', { class: 'pill note' }, added ? `+${added} added` : 'nothing new'));
  await selectNode(entity.id, { quiet: true });
}

function hideNode(ref) {
  graph.setHidden(ref.id, true);
  if (view.mode === 'neighborhood') {
    view = { ...view, hidden: [...new Set([...(view.hidden ?? []), ref.key])], sel: undefined };
    updateUrl();
  }
  showOverview();
}

function showAllHidden() {
  void graph.showAllHidden();
  if (view.mode === 'neighborhood') {
    view = { ...view, hidden: undefined };
    updateUrl();
  }
}

function toggleUndated() {
  if (view.mode !== 'neighborhood') return;
  view = { ...view, undated: view.undated === 'hide' ? undefined : 'hide' };
  updateUrl();
  graph.setUndatedHidden(view.undated === 'hide');
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
  onExpandType: (entity, type, direction) => void expandType(entity, type, direction),
  onHide: (ref) => hideNode(ref),
  onPin: (ref, pinned) => {
    graph.setPinned(ref.id, pinned);
    void selectNode(ref.id, { quiet: true });
  },
  isPinned: (id) => graph.cy.getElementById(id).hasClass('pinned'),
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

const search = new Combobox($('[data-combobox="search"]'), { onChoose: exploreEntity, onError: showError });
const fromBox = new Combobox($('[data-combobox="from"]'), {
  onChoose: () => {
    if (toBox.chosen) void findPath();
    else toBox.input.focus();
  },
  onError: showError,
});
const toBox = new Combobox($('[data-combobox="to"]'), {
  onChoose: () => {
    if (fromBox.chosen || fromBox.input.value.trim()) void findPath();
    else fromBox.input.focus();
  },
  onError: showError,
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

function viewControlsChanged({ push = true } = {}) {
  if (view.mode !== 'neighborhood') return Promise.resolve();
  const depth = clampDepth(depthSelect.value);
  const asOf = parseYear(yearInput.value);
  if (depth === view.depth && asOf === view.asOf) return Promise.resolve();
  return go({ ...view, depth, asOf, sel: view.sel }, { push });
}
depthSelect.addEventListener('change', () => void viewControlsChanged());
yearInput.addEventListener('change', () => void viewControlsChanged());
yearInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    void viewControlsChanged();
  }
});

// The year slider: dragging shows the year, releasing loads it; "Play" walks the years.
yearSlider.addEventListener('input', () => {
  yearInput.value = yearSlider.value;
  yearSlider.dataset.any = 'false';
});
yearSlider.addEventListener('change', () => {
  yearInput.value = yearSlider.value;
  void viewControlsChanged();
});

let playing = false;
async function play() {
  if (playing) {
    playing = false;
    return;
  }
  if (view.mode !== 'neighborhood') return;
  playing = true;
  yearPlay.textContent = 'Pause';
  yearPlay.setAttribute('aria-pressed', 'true');
  const max = Number(yearSlider.max);
  let year = view.asOf && view.asOf < max ? view.asOf + 1 : Number(yearSlider.min);
  // The first step is a new history entry; the others replace it.
  let push = true;
  while (playing && year <= max && view.mode === 'neighborhood') {
    yearInput.value = String(year);
    yearSlider.value = String(year);
    await viewControlsChanged({ push });
    push = false;
    await new Promise((resolve) => setTimeout(resolve, 700));
    year++;
  }
  playing = false;
  yearPlay.textContent = 'Play';
  yearPlay.setAttribute('aria-pressed', 'false');
}
yearPlay.addEventListener('click', () => void play());

$('#fit-button').addEventListener('click', () => graph.fit());
$('#layout-button').addEventListener('click', () => void graph.relayout());
groupToggle.addEventListener('change', () => void graph.setGrouping(groupToggle.checked));

// Exports of what is on screen.
function exportName(ext) {
  const base =
    view.mode === 'neighborhood'
      ? `hitech-kg-${view.key}-depth${view.depth}${view.asOf ? `-${view.asOf}` : ''}`
      : view.mode === 'paths'
        ? `hitech-kg-paths-${view.from}-${view.to}`
        : 'hitech-kg';
  return `${base}.${ext}`;
}
$('#export-menu').addEventListener('click', async (event) => {
  const button = /** @type {HTMLElement} */ (event.target).closest('button[data-format]');
  if (!button) return;
  const format = button.dataset.format;
  const elements = graph.visibleElements();
  if (format === 'png') {
    const blob = await graph.cy.png({ output: 'blob-promise', full: true, scale: 2, bg: '#ffffff' });
    download(blob, exportName('png'));
  } else if (format === 'graphml')
    download(new Blob([toGraphml(elements)], { type: 'application/graphml+xml' }), exportName('graphml'));
  else if (format === 'csv') download(new Blob([toCsv(elements)], { type: 'text/csv' }), exportName('csv'));
  else if (format === 'json')
    download(new Blob([toJson(elements)], { type: 'application/json' }), exportName('json'));
  /** @type {HTMLDetailsElement} */ ($('#export')).open = false;
});

// On a phone, the panel is below the drawing: a tapped node offers a jump to its details.
detailsJump.addEventListener('click', () => {
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
  panel.focus({ preventScroll: true });
});

// On a phone, "Connect two entities" folds away.
$('#connect-toggle').addEventListener('click', () => {
  const controls = $('.controls');
  const open = !controls.classList.contains('connect-open');
  controls.classList.toggle('connect-open', open);
  $('#connect-toggle').setAttribute('aria-expanded', String(open));
});

// Links to views of this page (the examples) change the view without reloading.
document.addEventListener('click', (event) => {
  const link = /** @type {HTMLElement} */ (event.target).closest?.('a[href^="/?"]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  void go(viewFromUrlOf(link.getAttribute('href')));
});

function viewFromUrlOf(href) {
  const saved = `${location.pathname}${location.search}`;
  history.replaceState(history.state, '', href);
  const next = viewFromUrl();
  history.replaceState(history.state, '', saved);
  return next;
}

window.addEventListener('popstate', (event) => {
  if (event.state?.title) document.title = event.state.title;
  void go(viewFromUrl(), { push: false });
});

document.body.dataset.busy = 'false';
void go(viewFromUrl(), { push: false });
