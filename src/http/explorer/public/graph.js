/**
 * The drawing: a cytoscape.js instance holding the entities (nodes, keyed by their global id) and
 * relations (edges, keyed by the relation's stable id) on screen. Merging never duplicates an element.
 */
import cytoscape from '/explorer/vendor/cytoscape.min.mjs';
import { relationLabel, typeInfo } from './types.js';

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, "Noto Sans", "Noto Sans CJK SC", sans-serif';
const HIGHLIGHT = '#f08c00';
/** Drawings with more nodes than this label only their best-connected nodes. */
const LABEL_ALL_BELOW = 60;
const LABELS_WHEN_DENSE = 24;

/** @param {string} text @param {number} max */
function shorten(text, max = 34) {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * @typedef {{ __typename: string, id: string, key: string, name: string, nameZh?: string | null }} EntityRef
 * @typedef {{ id: string, type: string, since?: number | null, until?: number | null, year?: number | null,
 *   from: { id: string }, to: { id: string }, evidence?: unknown[] }} RelationData
 */

/** @param {EntityRef} entity */
function nodeElement(entity) {
  const info = typeInfo(entity.__typename);
  return {
    group: 'nodes',
    data: {
      id: entity.id,
      key: entity.key,
      typename: entity.__typename,
      name: entity.name,
      nameZh: entity.nameZh ?? null,
      label: shorten(entity.name),
      color: info.color,
      degree: 1,
    },
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

const STYLE = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(label)',
      'font-family': FONT,
      color: '#1d2633',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': 5,
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.82,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
      'min-zoomed-font-size': 6,
      // Hubs are drawn larger, and their labels stay readable when zoomed out.
      width: 'mapData(degree, 1, 30, 20, 40)',
      height: 'mapData(degree, 1, 30, 20, 40)',
      'font-size': 'mapData(degree, 1, 30, 12, 18)',
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
      'font-size': 15,
      'font-weight': 600,
      'border-color': '#1d2633',
      'border-width': 3,
      'min-zoomed-font-size': 0,
      'z-index': 5,
    },
  },
  { selector: 'node.expanded', style: { 'border-style': 'double', 'border-width': 4 } },
  {
    selector: 'edge',
    style: {
      width: 1.4,
      'curve-style': 'bezier',
      'line-color': '#b7c0cc',
      'target-arrow-color': '#b7c0cc',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      label: 'data(label)',
      'font-family': FONT,
      'font-size': 9,
      color: '#5b6676',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 8,
    },
  },
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
      'min-zoomed-font-size': 4,
    },
  },
  { selector: 'node.path-hl', style: { 'border-color': HIGHLIGHT, 'border-width': 4, 'z-index': 10 } },
  {
    selector: 'node.path-end',
    style: { width: 38, height: 38, 'font-weight': 600, 'font-size': 13, 'min-zoomed-font-size': 0 },
  },
  { selector: '.quiet', style: { 'text-opacity': 0 } },
  { selector: '.quiet.hover, .quiet:selected, .quiet.path-hl, .quiet.root', style: { 'text-opacity': 1 } },
  {
    selector: 'node:selected',
    style: { 'border-color': '#0b57d0', 'border-width': 5, 'z-index': 20 },
  },
  {
    selector: 'edge:selected',
    style: { width: 3.5, 'line-color': '#0b57d0', 'target-arrow-color': '#0b57d0', color: '#0b57d0' },
  },
];

export class Graph {
  /**
   * @param {HTMLElement} container
   * @param {{ onNode: (data: any) => void, onExpand: (data: any) => void, onEdge: (data: any) => void,
   *   onBackground: () => void, onChange: () => void }} handlers
   */
  constructor(container, handlers) {
    this.handlers = handlers;
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event) => handlers.onNode(event.target.data()));
    this.cy.on('dbltap', 'node', (event) => handlers.onExpand(event.target.data()));
    this.cy.on('tap', 'edge', (event) => handlers.onEdge(event.target.data()));
    this.cy.on('mouseover', 'node, edge', (event) => event.target.addClass('hover'));
    this.cy.on('mouseout', 'node, edge', (event) => event.target.removeClass('hover'));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) handlers.onBackground();
    });
    // cytoscape only watches the window: follow the container (the legend below it grows and shrinks).
    new ResizeObserver(() => this.cy.resize()).observe(container);
    /** @type {import('cytoscape').Layouts | null} */
    this.layout = null;
    /** Whether the API cut the drawn neighbourhood short. */
    this.truncated = false;
    /** Whether a layout is running (tests wait for it to end). */
    this.running = false;
  }

  clear() {
    this.layout?.stop();
    this.cy.elements().remove();
    this.handlers.onChange();
  }

  /**
   * Replaces the drawing.
   * @param {{ nodes: EntityRef[], edges: RelationData[] }} subgraph
   * @param {{ rootIds?: string[] }} [options]
   */
  show(subgraph, { rootIds = [] } = {}) {
    this.layout?.stop();
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(subgraph.nodes.map(nodeElement));
      this.cy.add(this.#edgesWithEnds(subgraph.edges).map(edgeElement));
      for (const id of rootIds) this.cy.getElementById(id).addClass('root');
    });
    this.handlers.onChange();
    this.cy.resize();
    this.#layout({ randomize: true });
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
        const radius = 90 + 4 * newNodes.length;
        this.cy.add({
          ...nodeElement(entity),
          position: { x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) },
        });
      });
      const newEdges = this.#edgesWithEnds(subgraph.edges).filter((e) =>
        this.cy.getElementById(e.id).empty(),
      );
      this.cy.add(newEdges.map(edgeElement));
      added = newNodes.length + newEdges.length;
      center.addClass('expanded');
    });
    this.handlers.onChange();
    this.cy.resize();
    if (added) this.#layout({ randomize: false, animate: true });
    return added;
  }

  /** Only relations whose both ends are drawn (the API returns those, but a merge must never dangle). */
  #edgesWithEnds(edges) {
    const ids = new Set(this.cy.nodes().map((n) => n.id()));
    return edges.filter((e) => ids.has(e.from.id) && ids.has(e.to.id));
  }

  /**
   * Keeps each node's degree in its data, for its size. In a large drawing only the best-connected
   * nodes keep their labels on screen (the others show theirs when selected or hovered), and relation
   * labels show only on selected or highlighted relations.
   */
  #updateDegrees() {
    this.cy.batch(() => {
      const nodes = this.cy.nodes();
      nodes.forEach((node) => {
        node.data('degree', node.degree(false));
      });
      const dense = nodes.length > LABEL_ALL_BELOW;
      const labelled = new Set(
        nodes
          .sort((a, b) => b.data('degree') - a.data('degree'))
          .slice(0, LABELS_WHEN_DENSE)
          .map((n) => n.id()),
      );
      nodes.forEach((node) => {
        node.toggleClass('quiet', dense && !labelled.has(node.id()));
      });
      this.cy.edges().toggleClass('quiet', dense);
    });
  }

  #layout({ randomize, animate = false }) {
    this.layout?.stop();
    this.#updateDegrees();
    const count = this.cy.nodes().length;
    this.layout = this.cy.layout({
      name: 'cose',
      randomize,
      animate: animate ? 'end' : false,
      animationDuration: 350,
      fit: true,
      padding: 40,
      // Large drawings show few labels (see #updateDegrees): lay them out tighter.
      nodeDimensionsIncludeLabels: count <= LABEL_ALL_BELOW,
      idealEdgeLength: () => (count > LABEL_ALL_BELOW ? 55 : 95),
      nodeRepulsion: () => (count > LABEL_ALL_BELOW ? 6000 : 14000),
      edgeElasticity: () => 80,
      gravity: count > LABEL_ALL_BELOW ? 0.8 : 0.4,
      numIter: count > 120 ? 600 : 1000,
      componentSpacing: 60,
    });
    this.running = true;
    this.layout.one('layoutstop', () => {
      this.running = false;
    });
    this.layout.run();
  }

  relayout() {
    if (this.cy.nodes().nonempty()) this.#layout({ randomize: true, animate: true });
  }

  fit() {
    this.cy.animate({ fit: { eles: this.cy.elements(), padding: 40 }, duration: 250 });
  }

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
  }

  /** Selects an element and brings it into view. @param {string} id */
  select(id) {
    const element = this.cy.getElementById(id);
    if (element.empty()) return false;
    this.cy.elements().unselect();
    element.select();
    // A running layout fits the drawing when it ends: no centring against it.
    if (this.running) return true;
    const box = element.renderedBoundingBox();
    const inView = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= this.cy.width() && box.y2 <= this.cy.height();
    if (!inView) this.cy.animate({ center: { eles: element }, duration: 250 });
    return true;
  }

  unselect() {
    this.cy.elements().unselect();
  }

  has(id) {
    return this.cy.getElementById(id).nonempty();
  }

  /** Types on screen with their counts, for the legend. */
  typeCounts() {
    const counts = new Map();
    this.cy.nodes().forEach((node) => {
      const type = node.data('typename');
      counts.set(type, (counts.get(type) ?? 0) + 1);
    });
    return counts;
  }
}
