/**
 * The drawing: a cytoscape.js instance holding the entities (nodes, keyed by their global id) and
 * relations (edges, keyed by the relation's stable id) on screen. Merging never duplicates an element.
 *
 * Readable at 200 nodes: the layout runs in a worker (layout-worker.js), with a progress bar in the
 * graph area; labels stay at least 11 px on screen whatever the zoom, and only those that do not
 * collide with a more important one are shown (the others on hover); large fan-outs of leaves of one
 * type collapse into a summary node ("146 zones") that opens on a click. A new drawing of the same
 * centre (another depth or year) keeps the positions of the nodes that stay and marks what appeared
 * and what left.
 */

import { relationLabel, typeInfo } from './types.js';
import cytoscape from './vendor/cytoscape.min.mjs';

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, "Noto Sans", "Noto Sans CJK SC", sans-serif';
const HIGHLIGHT = '#f08c00';
/** Labels are never drawn smaller than this on screen (px). */
export const LABEL_PX = 11;
/** Leaves of one type around one node beyond this many collapse into a summary node. */
export const FANOUT = 12;
/** Types whose entities have a year (approval, founding, issue, event): the others are timeless. */
const DATED_TYPES = new Set(['Zone', 'Company', 'Program', 'Policy', 'Designation', 'Event', 'Indicator']);

/** @param {string} text @param {number} max */
function shorten(text, max = 40) {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** The year an entity came into being, as the server's "as of" rule reads it. */
export function entityYear(entity) {
  return entity.approvedYear ?? entity.foundedYear ?? entity.year ?? null;
}

/**
 * @typedef {{ __typename: string, id: string, key: string, name: string, nameZh?: string | null,
 *   approvedYear?: number | null, foundedYear?: number | null, year?: number | null }} EntityRef
 * @typedef {{ id: string, type: string, since?: number | null, until?: number | null, year?: number | null,
 *   from: { id: string }, to: { id: string }, evidence?: unknown[] }} RelationData
 */

/** @param {EntityRef} entity */
function nodeData(entity) {
  const info = typeInfo(entity.__typename);
  const year = entityYear(entity);
  return {
    id: entity.id,
    key: entity.key,
    typename: entity.__typename,
    name: entity.name,
    nameZh: entity.nameZh ?? null,
    labelEn: shorten(entity.name),
    labelZh: shorten(entity.nameZh || entity.name, 24),
    label: shorten(entity.name),
    color: info.color,
    year,
    undated: DATED_TYPES.has(entity.__typename) && year === null,
    degree: 1,
    size: nodeSize(1),
  };
}

/** @param {RelationData} relation */
function edgeElement(relation) {
  const years =
    relation.since || relation.until
      ? ` (${relation.since ?? '…'}–${relation.until ?? ''})`
      : relation.year
        ? ` (${relation.year})`
        : '';
  return {
    group: 'edges',
    data: {
      id: relation.id,
      source: relation.from.id,
      target: relation.to.id,
      type: relation.type,
      label: `${relationLabel(relation.type)}${years}`,
      relation,
    },
  };
}

/** Classes that take a node off the screen (display: none), or out of the drawing (leaving). */
const HIDING = ['off', 'user-hidden', 'collapsed', 'undated-off', 'leaving'];
/**
 * Whether a node is drawn: read from its classes, not with cytoscape's `:visible`, which computes the
 * style of every element first (a 200-node drawing: ~200 ms of main thread).
 */
const shown = (node) => !HIDING.some((c) => node.hasClass(c));

/** Node size in model units, from its degree. */
const nodeSize = (degree) => Math.round(20 + Math.min(20, Math.sqrt(Math.max(0, degree - 1)) * 4));

export class Graph {
  /**
   * @param {HTMLElement} container
   * @param {{ onNode: (data: any) => void, onExpand: (data: any) => void, onEdge: (data: any) => void,
   *   onBackground: () => void, onChange: () => void, onProgress?: (done: number | null) => void,
   *   onHover?: (data: any | null, at?: { x: number, y: number }) => void, onPin?: (data: any) => void }} handlers
   */
  constructor(container, handlers) {
    this.handlers = handlers;
    /** Model font size: LABEL_PX on screen at the current zoom (or more when zoomed in). */
    this.fontSize = 12;
    /** 'en' or 'zh' */
    this.lang = 'en';
    /** @type {Set<string>} types hidden from the legend */
    this.hiddenTypes = new Set();
    this.hideUndated = false;
    this.grouping = true;
    this.cy = cytoscape({
      container,
      style: this.#style(),
      minZoom: 0.08,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: false,
      hideEdgesOnViewport: false,
    });
    this.cy.on('tap', 'node', (event) => {
      const node = event.target;
      if (node.hasClass('summary')) this.openSummary(node.id());
      else handlers.onNode(node.data());
    });
    this.cy.on('dbltap', 'node', (event) => {
      if (!event.target.hasClass('summary')) handlers.onExpand(event.target.data());
    });
    this.cy.on('tap', 'edge', (event) => handlers.onEdge(event.target.data()));
    this.cy.on('mouseover', 'node, edge', (event) => {
      event.target.addClass('hover');
      if (event.target.isNode()) {
        const box = container.getBoundingClientRect();
        const at = event.target.renderedPosition();
        handlers.onHover?.(event.target.data(), { x: box.left + at.x, y: box.top + at.y });
      }
    });
    this.cy.on('mouseout', 'node, edge', (event) => {
      event.target.removeClass('hover');
      if (event.target.isNode()) handlers.onHover?.(null);
    });
    // Dragging a node pins it where it is dropped.
    this.cy.on('dragfree', 'node', (event) => {
      if (event.target.hasClass('summary')) return;
      event.target.addClass('pinned');
      handlers.onPin?.(event.target.data());
    });
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) handlers.onBackground();
    });
    let frame = 0;
    this.cy.on('viewport', () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.#updateLabels());
    });
    // cytoscape only watches the window: follow the container (the legend below it grows and shrinks).
    new ResizeObserver(() => this.cy.resize()).observe(container);
    this.container = container;
    /** Whether the API cut the drawn neighbourhood short. */
    this.truncated = false;
    /** Whether a layout is running (tests wait for it to end). */
    this.running = false;
    /** What the last new drawing of the same centre changed: { appeared, left }. */
    this.changes = null;
    this.jobs = 0;
    /** @type {Worker | null} */
    this.worker = null;
    /** The longest label measure cache. */
    this.widths = new Map();
    this.measure = document.createElement('canvas').getContext('2d');
  }

  #style() {
    return [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          label: 'data(label)',
          'font-family': FONT,
          color: '#1d2633',
          'text-valign': 'bottom',
          'text-halign': 'center',
          'text-margin-y': 4,
          'text-wrap': 'ellipsis',
          'text-max-width': `${this.fontSize * 20}px`,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': '2px',
          'text-background-shape': 'roundrectangle',
          'min-zoomed-font-size': 0,
          width: 'data(size)',
          height: 'data(size)',
          'font-size': this.fontSize,
          'border-width': 2,
          'border-color': '#ffffff',
          'overlay-padding': 4,
        },
      },
      {
        selector: 'node.root',
        style: {
          width: 42,
          height: 42,
          'font-weight': 600,
          'border-color': '#1d2633',
          'border-width': 3,
          'z-index': 5,
        },
      },
      { selector: 'node.expanded', style: { 'border-style': 'double', 'border-width': 4 } },
      {
        selector: 'node.undated',
        style: { 'border-style': 'dashed', 'border-color': '#5d6878', 'border-width': 2.5 },
      },
      {
        selector: 'node.summary',
        style: {
          shape: 'round-rectangle',
          width: (node) => this.textWidth(node.data('label'), this.fontSize) + this.fontSize,
          height: this.fontSize * 2,
          'text-valign': 'center',
          'text-margin-y': 0,
          color: '#ffffff',
          'font-weight': 600,
          'text-background-opacity': 0,
          'border-color': '#ffffff',
          'border-width': 2,
        },
      },
      { selector: 'node.label-top', style: { 'text-valign': 'top', 'text-margin-y': -4 } },
      {
        selector: 'node.label-right',
        style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': 4 },
      },
      {
        selector: 'node.label-left',
        style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': -4 },
      },
      {
        selector: 'node.pinned',
        style: { 'outline-width': 2, 'outline-color': '#1d2633', 'outline-offset': 2 },
      },
      {
        selector: 'node.appeared',
        style: { 'underlay-color': '#2f9e44', 'underlay-opacity': 0.35, 'underlay-padding': 7 },
      },
      { selector: 'node.leaving', style: { opacity: 0.25 } },
      {
        selector: '.off, .user-hidden, .collapsed, .undated-off',
        style: { display: 'none' },
      },
      {
        selector: 'edge',
        style: {
          width: 1.4,
          // Straight lines are the cheapest to draw; only relations that share their two ends curve apart.
          'curve-style': 'straight',
          'line-color': '#b7c0cc',
          'target-arrow-color': '#b7c0cc',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.8,
          label: 'data(label)',
          'font-family': FONT,
          'font-size': this.fontSize * 0.85,
          color: '#5b6676',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.85,
          'text-background-padding': '1px',
          'min-zoomed-font-size': 9,
        },
      },
      { selector: 'edge.multi', style: { 'curve-style': 'bezier' } },
      { selector: '.faded', style: { opacity: 0.18 } },
      {
        selector: 'edge.path-hl',
        style: {
          width: 4,
          'line-color': HIGHLIGHT,
          'target-arrow-color': HIGHLIGHT,
          color: '#8a4b00',
          'font-weight': 600,
          'z-index': 10,
        },
      },
      { selector: 'node.path-hl', style: { 'border-color': HIGHLIGHT, 'border-width': 4, 'z-index': 10 } },
      { selector: 'node.path-end', style: { width: 38, height: 38, 'font-weight': 600 } },
      // Labels not shown are not measured or drawn at all (the cost of a 200-node drawing is its labels).
      { selector: '.quiet', style: { label: '' } },
      {
        selector: '.quiet.hover, .quiet:selected, edge.quiet.path-hl',
        style: { label: 'data(label)', 'z-index': 30 },
      },
      {
        selector: 'node:selected',
        style: { 'border-color': '#0b57d0', 'border-width': 5, 'z-index': 20 },
      },
      {
        selector: 'edge:selected',
        style: { width: 3.5, 'line-color': '#0b57d0', 'target-arrow-color': '#0b57d0', color: '#0b57d0' },
      },
    ];
  }

  clear() {
    this.#cancelLayout();
    this.cy.elements().remove();
    this.changes = null;
    this.handlers.onChange();
  }

  /**
   * Replaces the drawing. With `keep` (the same centre at another depth or year), the nodes that stay
   * keep their positions, new ones are marked "appeared", and those that leave fade out first.
   * @param {{ nodes: EntityRef[], edges: RelationData[] }} subgraph
   * @param {{ rootIds?: string[], keep?: boolean }} [options]
   * @returns {Promise<void>} when laid out
   */
  show(subgraph, { rootIds = [], keep = false } = {}) {
    this.#cancelLayout();
    const wanted = new Map(subgraph.nodes.map((n) => [n.id, n]));
    let appeared = 0;
    let left = 0;
    this.cy.batch(() => {
      this.cy.elements().removeClass('appeared leaving path-hl path-end faded root');
      this.cy.nodes('.summary').remove();
      this.cy.nodes().removeClass('collapsed');
      if (!keep) this.cy.elements().remove();
      const leaving = this.cy.nodes().filter((n) => !wanted.has(n.id()));
      left = leaving.length;
      if (left) {
        // What left stays a moment, faded, so that the change can be seen.
        const ghosts = leaving.union(leaving.connectedEdges());
        ghosts.addClass('leaving');
        ghosts.lock();
        setTimeout(() => ghosts.filter((e) => e.inside()).remove(), 1200);
      }
      for (const entity of subgraph.nodes) {
        const existing = this.cy.getElementById(entity.id);
        if (existing.nonempty()) {
          existing.data(nodeData(entity));
          continue;
        }
        // Unlabelled until the labels are placed (#updateLabels), after the layout.
        this.cy.add({ group: 'nodes', data: nodeData(entity), classes: keep ? 'appeared quiet' : 'quiet' });
        appeared++;
      }
      const edgeIds = new Set(subgraph.edges.map((e) => e.id));
      this.cy
        .edges()
        .filter((e) => !e.hasClass('leaving') && !edgeIds.has(e.id()))
        .remove();
      this.cy.add(
        this.#edgesWithEnds(subgraph.edges)
          .filter((e) => this.cy.getElementById(e.id).empty())
          .map((e) => ({ ...edgeElement(e), classes: 'quiet' })),
      );
      for (const id of rootIds) this.cy.getElementById(id).addClass('root');
      this.#applyLanguage();
      this.#applyFilters();
    });
    this.changes = keep ? { appeared, left } : null;
    this.#updateDegrees();
    if (this.grouping) this.#collapseFanOuts();
    this.handlers.onChange();
    this.cy.resize();
    return this.#layout({ gentle: keep && this.cy.nodes('[?placed]').nonempty() });
  }

  /**
   * Adds what is not drawn yet, placing new nodes around `aroundId`. Returns how many were added.
   * @param {{ nodes: EntityRef[], edges: RelationData[] }} subgraph
   * @param {string} aroundId
   */
  merge(subgraph, aroundId) {
    const center = this.cy.getElementById(aroundId);
    const origin = center.nonempty() ? center.position() : { x: 0, y: 0 };
    const newNodes = subgraph.nodes.filter((n) => this.cy.getElementById(n.id).empty());
    let added = 0;
    this.cy.batch(() => {
      newNodes.forEach((entity, i) => {
        const angle = (2 * Math.PI * i) / Math.max(newNodes.length, 1);
        const radius = 60 + 3 * newNodes.length;
        this.cy.add({
          group: 'nodes',
          data: { ...nodeData(entity), fresh: true },
          classes: 'quiet',
          position: { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) },
        });
      });
      // Hidden by the user before: shown again when expanded to.
      for (const entity of subgraph.nodes) this.cy.getElementById(entity.id).removeClass('user-hidden');
      const newEdges = this.#edgesWithEnds(subgraph.edges).filter((e) =>
        this.cy.getElementById(e.id).empty(),
      );
      this.cy.add(newEdges.map((e) => ({ ...edgeElement(e), classes: 'quiet' })));
      added = newNodes.length + newEdges.length;
      center.addClass('expanded');
      this.#applyLanguage();
      this.#applyFilters();
    });
    this.#updateDegrees();
    this.handlers.onChange();
    this.cy.resize();
    if (added) void this.#layout({ gentle: true });
    return added;
  }

  /** Only relations whose both ends are drawn (the API returns those, but a merge must never dangle). */
  #edgesWithEnds(edges) {
    const ids = new Set(this.cy.nodes().map((n) => n.id()));
    return edges.filter((e) => ids.has(e.from.id) && ids.has(e.to.id));
  }

  #updateDegrees() {
    this.cy.batch(() => {
      this.cy.nodes().forEach((node) => {
        const degree = node.degree(false);
        node.data({ degree, size: nodeSize(degree) });
      });
      this.cy.edges().forEach((edge) => {
        edge.toggleClass('multi', edge.parallelEdges().length > 1);
      });
    });
  }

  /**
   * Many nodes of one type with the same few neighbours (leaves around a hub, or zones that all hang on
   * the same program and designation) become one summary node "146 zones" linked to those neighbours;
   * a click on it opens it. Roots, pinned and selected nodes stay out of summaries.
   */
  #collapseFanOuts() {
    /** @type {Map<string, { type: string, around: string[], members: any[] }>} */
    const groups = new Map();
    const visible = this.cy.nodes().filter(shown);
    visible.forEach((node) => {
      if (node.hasClass('root') || node.hasClass('pinned') || node.hasClass('summary') || node.selected())
        return;
      const around = node
        .neighborhood('node')
        .filter(shown)
        .map((n) => n.id())
        .sort();
      if (!around.length || around.length > 3) return;
      const type = node.data('typename');
      const signature = `${type}|${around.join('|')}`;
      if (!groups.has(signature)) groups.set(signature, { type, around, members: [] });
      groups.get(signature).members.push(node);
    });
    this.cy.batch(() => {
      for (const [signature, { type, around, members }] of groups) {
        if (members.length <= FANOUT) continue;
        const id = `summary:${signature}`;
        const info = typeInfo(type);
        const noun = info.label.toLowerCase();
        const label = `${members.length} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
        const hubs = around.map((a) => this.cy.getElementById(a).data('name')).join(', ');
        // The summary starts where its members were, on average.
        let x = 0;
        let y = 0;
        for (const m of members) {
          x += m.position('x');
          y += m.position('y');
        }
        this.cy.add({
          group: 'nodes',
          data: {
            id,
            key: id,
            typename: type,
            name: `${label} linked to ${hubs}`,
            label,
            labelEn: label,
            labelZh: label,
            color: info.color,
            degree: around.length,
            summary: true,
            members: members.map((m) => m.id()),
            placed: members.every((m) => m.data('placed')),
          },
          classes: 'summary quiet',
          position: { x: x / members.length, y: y / members.length },
        });
        for (const hub of around) {
          this.cy.add({
            group: 'edges',
            data: { id: `${id}:${hub}`, source: hub, target: id, label: '', summary: true },
          });
        }
        for (const member of members) member.addClass('collapsed');
      }
    });
  }

  /** Opens a summary node: its members are drawn where it was. @param {string} id */
  openSummary(id) {
    const summary = this.cy.getElementById(id);
    if (summary.empty()) return;
    const at = summary.position();
    const members = this.cy.collection(summary.data('members').map((m) => this.cy.getElementById(m)));
    this.cy.batch(() => {
      members.forEach((member, i) => {
        const angle = (2 * Math.PI * i) / members.length;
        const radius = 30 + 2 * members.length;
        member.position({ x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) });
        member.data('fresh', true);
      });
      members.addClass('quiet').removeClass('collapsed');
      summary.remove();
    });
    this.handlers.onChange();
    void this.#layout({ gentle: true });
  }

  /** Opens every summary node. */
  openAllSummaries() {
    const ids = this.cy.nodes('.summary').map((n) => n.id());
    if (!ids.length) return Promise.resolve();
    this.cy.batch(() => {
      for (const id of ids) {
        const summary = this.cy.getElementById(id);
        const at = summary.position();
        this.cy
          .collection(summary.data('members').map((m) => this.cy.getElementById(m)))
          .forEach((member) => {
            member.position({ x: at.x + Math.random() * 40 - 20, y: at.y + Math.random() * 40 - 20 });
            member.data('fresh', true);
          })
          .addClass('quiet')
          .removeClass('collapsed');
        summary.remove();
      }
    });
    this.handlers.onChange();
    return this.#layout({ gentle: false });
  }

  setGrouping(on) {
    this.grouping = on;
    if (!on) return this.openAllSummaries();
    this.#collapseFanOuts();
    this.handlers.onChange();
    return this.#layout({ gentle: true });
  }

  #cancelLayout() {
    this.jobs++;
    if (this.running) {
      this.running = false;
      this.handlers.onProgress?.(null);
    }
  }

  #worker() {
    if (!this.worker) {
      this.worker = new Worker(new URL('./layout-worker.js', import.meta.url));
      this.pending = new Map();
      this.worker.onmessage = (event) => {
        const { id, type } = event.data;
        const job = this.pending.get(id);
        if (!job) return;
        if (type === 'progress') job.progress(event.data.done);
        else {
          this.pending.delete(id);
          job.resolve(event.data.positions);
        }
      };
    }
    return this.worker;
  }

  /** The size of a node with its label below, in model units at the layout's font size (12). */
  #box(node) {
    const size = nodeSize(node.data('degree'));
    if (node.hasClass('summary')) return { w: this.textWidth(node.data('label'), 12) + 16, h: 28 };
    const width = Math.min(this.textWidth(node.data('label'), 12) + 6, 12 * 15);
    return { w: Math.max(size, width * 0.8), h: size + 16 * 2 };
  }

  textWidth(text, px, weight = 400) {
    const key = `${px}:${weight}:${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      this.measure.font = `${weight} ${px}px ${FONT}`;
      width = this.measure.measureText(text).width;
      this.widths.set(key, width);
    }
    return width;
  }

  /**
   * Lays the visible nodes out in the worker; progress goes to `onProgress`. Nodes that have a position
   * start there (gentle: a short, cool run), pinned ones stay.
   * @param {{ gentle?: boolean, randomize?: boolean }} options
   */
  #layout({ gentle = false, randomize = false }) {
    const started = performance.now();
    const job = ++this.jobs;
    const nodes = this.cy.nodes().filter(shown);
    if (nodes.empty()) {
      this.handlers.onChange();
      return Promise.resolve();
    }
    this.running = true;
    this.handlers.onProgress?.(0);
    const index = new Map();
    nodes.forEach((node, i) => {
      index.set(node.id(), i);
    });
    const input = nodes.map((node) => {
      const placed = node.data('placed') && !randomize && !node.data('fresh');
      const pinned = node.hasClass('pinned');
      const position = node.position();
      return {
        ...(placed || pinned || node.data('fresh') ? { x: position.x, y: position.y } : {}),
        // A gentle run (another depth or year, an expansion) moves only the new nodes.
        fixed: pinned || (gentle && placed),
        ...this.#box(node),
      };
    });
    const edges = [];
    nodes.connectedEdges().forEach((edge) => {
      const a = index.get(edge.data('source'));
      const b = index.get(edge.data('target'));
      if (a !== undefined && b !== undefined) edges.push([a, b]);
    });
    const worker = this.#worker();
    return new Promise((resolve) => {
      this.pending.set(job, {
        progress: (done) => {
          if (job === this.jobs) this.handlers.onProgress?.(done);
        },
        resolve: (positions) => {
          if (job !== this.jobs) {
            resolve();
            return;
          }
          const applying = performance.now();
          this.cy.batch(() => {
            nodes.forEach((node, i) => {
              if (node.removed()) return;
              node.position({ x: positions[2 * i], y: positions[2 * i + 1] });
              node.data('placed', true);
              node.data('fresh', false);
            });
          });
          this.#fitWithLabels();
          this.running = false;
          this.handlers.onProgress?.(null);
          this.#updateLabels();
          this.handlers.onChange();
          // For the measurements (tests/e2e/explorer.test.ts): the main thread's parts of a layout.
          performance.measure('explorer:apply-layout', { start: applying, end: performance.now() });
          resolve();
        },
      });
      const rect = this.container.getBoundingClientRect();
      performance.measure('explorer:prepare-layout', { start: started, end: performance.now() });
      worker.postMessage({
        id: job,
        nodes: input,
        edges,
        aspect: rect.width && rect.height ? rect.width / rect.height : 1.5,
        gentle: gentle && !randomize,
      });
    });
  }

  /**
   * Fits the visible nodes, leaving room on each side for the labels of the outermost ones (about
   * 70 px wide each way on screen; labels are placed after the fit, so cytoscape's fit cannot see them).
   */
  #fitWithLabels(animate = false) {
    const nodes = this.cy.nodes().filter(shown);
    if (nodes.empty()) return;
    const box = nodes.boundingBox({ includeLabels: false, includeOverlays: false });
    const width = this.cy.width();
    const height = this.cy.height();
    const padX = Math.min(70, width * 0.15);
    const padTop = 24;
    const padBottom = 40;
    const zoom = Math.max(
      this.cy.minZoom(),
      Math.min(
        1.6,
        (width - 2 * padX) / Math.max(box.w, 1),
        (height - padTop - padBottom) / Math.max(box.h, 1),
      ),
    );
    const pan = {
      x: width / 2 - zoom * (box.x1 + box.w / 2),
      y: padTop + (height - padTop - padBottom) / 2 - zoom * (box.y1 + box.h / 2),
    };
    if (animate) this.cy.animate({ zoom, pan, duration: 250 });
    else this.cy.viewport({ zoom, pan });
  }

  relayout() {
    if (this.cy.nodes().nonempty()) {
      this.cy.nodes().data('placed', false);
      return this.#layout({ randomize: true });
    }
    return Promise.resolve();
  }

  /**
   * Labels: LABEL_PX on screen at least (the model font grows as the view zooms out), and only those
   * that do not overlap a more important one (selected, centre, path, then most connected); the others
   * show on hover. Relation labels show when few, or on selected and highlighted relations.
   */
  #updateLabels() {
    const zoom = this.cy.zoom();
    // On screen: between LABEL_PX + 1 and 15 px. The model size changes only when the zoom leaves that
    // band (a style update re-measures every label: not on every wheel step).
    const onScreen = this.fontSize * zoom;
    if (onScreen < LABEL_PX + 1 || onScreen > 15) {
      this.fontSize = Math.min(14, Math.max(13, 12 * zoom)) / zoom;
      // Plain values, not functions (which cytoscape evaluates for every element on every change), set
      // by appending rules (replacing the stylesheet costs ~4× more).
      const size = this.fontSize;
      this.cy
        .style()
        .selector('node')
        .style({ 'font-size': size, 'text-max-width': `${size * 20}px` })
        .selector('node.summary')
        .style({ height: size * 2 })
        .selector('edge')
        .style({ 'font-size': size * 0.85 })
        .update();
    }
    const font = this.fontSize;
    const px = font * zoom;
    const width = this.cy.width();
    const height = this.cy.height();
    const nodes = this.cy.nodes().filter(shown);
    const rank = (node) =>
      (node.selected() ? 1e6 : 0) +
      (node.hasClass('root') ? 1e5 : 0) +
      (node.hasClass('path-hl') ? 1e4 : 0) +
      (node.hasClass('summary') ? 5e3 : 0) +
      node.data('degree');
    const sorted = nodes.toArray().sort((a, b) => rank(b) - rank(a));
    /** @type {{ x1: number, y1: number, x2: number, y2: number }[]} */
    const kept = this.#overlays();
    const labelled = new Map();
    const maxWidth = px * 20;
    const collides = (box) =>
      box.x1 < 0 ||
      box.x2 > width ||
      box.y1 < 0 ||
      box.y2 > height ||
      kept.some((k) => box.x1 < k.x2 && box.x2 > k.x1 && box.y1 < k.y2 && box.y2 > k.y1);
    for (const node of sorted) {
      const at = node.renderedPosition();
      const half = (node.renderedHeight() || 20 * zoom) / 2;
      const bold = node.hasClass('root') || node.hasClass('path-end') || node.hasClass('summary');
      // The text, its background's padding (2 px each side) and a margin.
      const w = Math.min(this.textWidth(node.data('label'), px, bold ? 600 : 400), maxWidth) + 10;
      const h = px * 1.4 + 6;
      if (node.hasClass('summary')) {
        const box = { x1: at.x - w / 2, x2: at.x + w / 2, y1: at.y - px, y2: at.y + px };
        if (collides(box)) continue;
        kept.push(box);
        labelled.set(node.id(), 'bottom');
        continue;
      }
      // Below the node, else above, right or left of it: the first place free.
      const places = [
        ['bottom', { x1: at.x - w / 2, x2: at.x + w / 2, y1: at.y + half + 1, y2: at.y + half + 1 + h }],
        ['top', { x1: at.x - w / 2, x2: at.x + w / 2, y1: at.y - half - 1 - h, y2: at.y - half - 1 }],
        ['right', { x1: at.x + half + 2, x2: at.x + half + 2 + w, y1: at.y - h / 2, y2: at.y + h / 2 }],
        ['left', { x1: at.x - half - 2 - w, x2: at.x - half - 2, y1: at.y - h / 2, y2: at.y + h / 2 }],
      ];
      const free = places.find(([, box]) => !collides(box));
      if (!free) continue;
      kept.push(free[1]);
      labelled.set(node.id(), free[0]);
    }
    const edgeLabels = nodes.length <= 16;
    this.cy.batch(() => {
      nodes.forEach((node) => {
        const place = labelled.get(node.id());
        node.toggleClass('quiet', !place);
        node.toggleClass('label-top', place === 'top');
        node.toggleClass('label-right', place === 'right');
        node.toggleClass('label-left', place === 'left');
      });
      this.cy.edges().toggleClass('quiet', !edgeLabels);
    });
  }

  /** What covers the canvas (the status pills, the tools), in canvas coordinates: no label goes there. */
  #overlays() {
    const stage = this.container.getBoundingClientRect();
    const stageElement = this.container.parentElement;
    if (!stageElement) return [];
    const boxes = [];
    for (const element of stageElement.querySelectorAll('.graph-status > *, .graph-tools > *')) {
      const r = element.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      boxes.push({
        x1: r.left - stage.left,
        x2: r.right - stage.left,
        y1: r.top - stage.top,
        y2: r.bottom - stage.top,
      });
    }
    return boxes;
  }

  /** The labels shown on screen, for tests: their boxes and rendered font size. */
  visibleLabels() {
    const zoom = this.cy.zoom();
    return this.cy
      .nodes()
      .filter(shown)
      .not('.quiet')
      .map((node) => ({
        id: node.id(),
        px: this.fontSize * zoom,
        box: node.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
      }));
  }

  fit() {
    this.#fitWithLabels(true);
  }

  // --- language, filters, hiding -------------------------------------------------------------------

  setLanguage(lang) {
    this.lang = lang === 'zh' ? 'zh' : 'en';
    this.cy.batch(() => this.#applyLanguage());
    this.#updateLabels();
  }

  #applyLanguage() {
    const field = this.lang === 'zh' ? 'labelZh' : 'labelEn';
    this.cy.nodes().forEach((node) => {
      node.data('label', node.data(field));
    });
  }

  /** @param {string} type @param {boolean} hidden */
  setTypeHidden(type, hidden) {
    if (hidden) this.hiddenTypes.add(type);
    else this.hiddenTypes.delete(type);
    this.cy.batch(() => this.#applyFilters());
    this.handlers.onChange();
    this.#updateLabels();
  }

  setUndatedHidden(hidden) {
    this.hideUndated = hidden;
    this.cy.batch(() => this.#applyFilters());
    this.handlers.onChange();
    this.#updateLabels();
  }

  #applyFilters() {
    this.cy.nodes().forEach((node) => {
      node.toggleClass('off', this.hiddenTypes.has(node.data('typename')) && !node.hasClass('root'));
      node.toggleClass('undated', Boolean(node.data('undated')) && this.markUndated === true);
      node.toggleClass(
        'undated-off',
        Boolean(node.data('undated')) && this.hideUndated && !node.hasClass('root'),
      );
    });
  }

  /** Marks undated entities (in an "as of" view). */
  setMarkUndated(mark) {
    this.markUndated = mark;
    this.cy.batch(() => this.#applyFilters());
  }

  /** @param {string} id @param {boolean} hidden */
  setHidden(id, hidden) {
    const node = this.cy.getElementById(id);
    node.toggleClass('user-hidden', hidden);
    if (hidden) node.unselect();
    this.handlers.onChange();
    this.#updateLabels();
  }

  showAllHidden() {
    this.cy.nodes('.user-hidden').removeClass('user-hidden');
    this.handlers.onChange();
    return this.#layout({ gentle: true });
  }

  /** @param {string} id @param {boolean} pinned */
  setPinned(id, pinned) {
    this.cy.getElementById(id).toggleClass('pinned', pinned);
  }

  // --- paths, selection -------------------------------------------------------------------------

  /**
   * Highlights one path (its edges and nodes) and fades what is not on it.
   * @param {string[]} nodeIds @param {string[]} edgeIds
   */
  highlightPath(nodeIds, edgeIds) {
    this.cy.batch(() => {
      this.cy.elements().removeClass('path-hl path-end faded');
      if (!nodeIds.length) return;
      const nodes = this.cy.collection(nodeIds.map((id) => this.cy.getElementById(id)));
      const edges = this.cy.collection(edgeIds.map((id) => this.cy.getElementById(id)));
      nodes.addClass('path-hl');
      edges.addClass('path-hl');
      this.cy.getElementById(nodeIds[0]).addClass('path-end');
      this.cy.getElementById(nodeIds[nodeIds.length - 1]).addClass('path-end');
      this.cy.elements().not(nodes).not(edges).addClass('faded');
    });
    this.#updateLabels();
  }

  /** Selects an element and brings it into view. @param {string} id */
  select(id) {
    const element = this.cy.getElementById(id);
    if (element.empty()) return false;
    this.cy.elements().unselect();
    element.select();
    if (element.isNode()) element.removeClass('collapsed user-hidden');
    // A running layout fits the drawing when it ends: no centring against it.
    if (this.running) return true;
    const box = element.renderedBoundingBox();
    const inView = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= this.cy.width() && box.y2 <= this.cy.height();
    if (!inView) this.cy.animate({ center: { eles: element }, duration: 250 });
    this.#updateLabels();
    return true;
  }

  unselect() {
    this.cy.elements().unselect();
    this.#updateLabels();
  }

  has(id) {
    return this.cy.getElementById(id).nonempty();
  }

  /** Types drawn (summaries counted by their members) with their counts, for the legend. */
  typeCounts() {
    const counts = new Map();
    this.cy.nodes().forEach((node) => {
      if (node.hasClass('leaving') || node.hasClass('summary')) return;
      const type = node.data('typename');
      counts.set(type, (counts.get(type) ?? 0) + 1);
    });
    return counts;
  }

  /** The entities and relations on screen (not hidden, filtered or left), for the exports. */
  visibleElements() {
    const nodes = this.cy
      .nodes()
      .filter(
        (n) =>
          !n.hasClass('leaving') &&
          !n.hasClass('summary') &&
          !n.hasClass('off') &&
          !n.hasClass('user-hidden') &&
          !n.hasClass('undated-off'),
      );
    const ids = new Set(nodes.map((n) => n.id()));
    const edges = this.cy
      .edges()
      .filter(
        (e) =>
          !e.data('summary') &&
          !e.hasClass('leaving') &&
          ids.has(e.data('source')) &&
          ids.has(e.data('target')),
      );
    return { nodes, edges };
  }
}
