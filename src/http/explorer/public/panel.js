/**
 * The side panel: an entity's properties, evidence and relations; a relation's evidence; the paths
 * found. Built with DOM calls only (no HTML strings), so no text from the graph is ever parsed as HTML.
 */
import { relationLabel, typeInfo } from './types.js';

/**
 * @param {string} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...(Node | string | number | null | undefined | false)} children
 */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'style') Object.assign(element.style, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces an element's content with children (arrays flattened, null/false left out). */
function fill(element, ...children) {
  element.replaceChildren(
    ...children.flat(2).filter((child) => child !== null && child !== undefined && child !== false),
  );
}

function typeBadge(typename) {
  const info = typeInfo(typename);
  return h(
    'span',
    { class: 'type-badge' },
    h('span', { class: 'dot', style: { background: info.color } }),
    info.label,
  );
}

/** Only http(s) links are made clickable. */
function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** @param {{ quote?: string | null, paragraph?: number | null, source: { key: string, name: string, url?: string | null } }[]} evidence */
function evidenceList(evidence) {
  if (!evidence?.length) return h('p', { class: 'muted' }, 'No source is recorded for this.');
  return h(
    'ol',
    { class: 'evidence' },
    evidence.map((item) => {
      const url = item.source.url ? safeUrl(item.source.url) : null;
      const name = url
        ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, item.source.name)
        : item.source.name;
      return h(
        'li',
        null,
        item.quote ? h('blockquote', { class: 'quote' }, item.quote) : null,
        h(
          'cite',
          null,
          name,
          item.paragraph !== null && item.paragraph !== undefined
            ? h('span', { class: 'para' }, ` ¶ ${item.paragraph}`)
            : null,
        ),
      );
    }),
  );
}

function years(item) {
  if (item.since || item.until) return `${item.since ?? '…'}–${item.until ?? ''}`;
  if (item.year) return String(item.year);
  return '';
}

const PROPERTY_LABELS = {
  approvedYear: 'Approved',
  approvedDate: 'Approval date',
  establishedYear: 'Established',
  foundedYear: 'Founded',
  kind: 'Kind',
  batchNote: 'Batch',
  year: 'Year',
  endYear: 'Until',
  date: 'Date',
  target: 'Target',
  metric: 'Metric',
  value: 'Value',
  unit: 'Unit',
  share: 'Share',
  comparison: 'Of',
  qualifier: 'Qualifier',
  title: 'Title',
  publisher: 'Publisher',
  url: 'URL',
};

function properties(entity) {
  const rows = [];
  for (const [field, label] of Object.entries(PROPERTY_LABELS)) {
    const value = entity[field];
    if (value === undefined || value === null || value === '') continue;
    const url = field === 'url' ? safeUrl(value) : null;
    rows.push(
      h('dt', null, label),
      h(
        'dd',
        null,
        url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, value) : String(value),
      ),
    );
  }
  rows.push(h('dt', null, 'Key'), h('dd', null, h('code', null, entity.key)));
  return h('dl', { class: 'props' }, rows);
}

/**
 * @param {HTMLElement} panel
 * @param {any} entity the `node` of entityOperation
 * @param {{ onWalk: (target: any, from: any) => void, onExplore: (entity: any) => void, onExpand: (entity: any) => void,
 *   onExpandType: (entity: any, type: string, direction: string) => void, onHide: (entity: any) => void,
 *   onPin: (entity: any, pinned: boolean) => void, isPinned: (id: string) => boolean,
 *   onConnect: (end: 'from' | 'to', entity: any) => void, inGraph: (id: string) => boolean }} actions
 */
export function showEntity(panel, entity, actions) {
  const ref = {
    __typename: entity.__typename,
    id: entity.id,
    key: entity.key,
    name: entity.name,
    nameZh: entity.nameZh,
  };
  const relations = entity.relations?.edges ?? [];
  const groups = new Map();
  for (const edge of relations) {
    const label =
      edge.direction === 'INCOMING' ? `← ${relationLabel(edge.type)}` : `${relationLabel(edge.type)} →`;
    if (!groups.has(label)) groups.set(label, []);
    groups.get(label).push(edge);
  }
  const inGraph = actions.inGraph(entity.id);
  fill(
    panel,
    h(
      'header',
      { class: 'panel-head' },
      typeBadge(entity.__typename),
      h('h2', { id: 'panel-title' }, entity.name),
      entity.nameZh ? h('p', { class: 'name-zh', lang: 'zh' }, entity.nameZh) : null,
    ),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'button button-small', onclick: () => actions.onExplore(ref) },
        'Centre here',
      ),
      h(
        'button',
        { type: 'button', class: 'button button-small', onclick: () => actions.onExpand(ref) },
        'Expand neighbours',
      ),
      h(
        'button',
        { type: 'button', class: 'button button-small', onclick: () => actions.onConnect('from', ref) },
        'Connect from',
      ),
      h(
        'button',
        { type: 'button', class: 'button button-small', onclick: () => actions.onConnect('to', ref) },
        'Connect to',
      ),
      actions.inGraph(entity.id)
        ? [
            h(
              'button',
              {
                type: 'button',
                class: 'button button-small',
                'data-action': 'hide',
                onclick: () => actions.onHide(ref),
              },
              'Hide',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'button button-small',
                'data-action': 'pin',
                'aria-pressed': String(actions.isPinned(entity.id)),
                onclick: () => actions.onPin(ref, !actions.isPinned(entity.id)),
              },
              actions.isPinned(entity.id) ? 'Unpin' : 'Pin',
            ),
          ]
        : null,
    ),
    entity.description ? h('p', { class: 'description' }, entity.description) : null,
    properties(entity),
    entity.aliases?.length
      ? h(
          'div',
          { class: 'aliases' },
          h('span', { class: 'label' }, 'Also known as'),
          entity.aliases.map((a) => h('span', { class: 'chip' }, a)),
        )
      : null,
    h('h3', null, 'Evidence ', h('span', { class: 'count' }, entity.evidence?.length ?? 0)),
    evidenceList(entity.evidence),
    h(
      'h3',
      null,
      'Relations ',
      h(
        'span',
        { class: 'count' },
        `${relations.length}${entity.relations?.pageInfo?.hasNextPage ? '+' : ''}`,
      ),
    ),
    relations.length ? null : h('p', { class: 'muted' }, 'No relations.'),
    [...groups].map(([label, edges]) =>
      h(
        'section',
        { class: 'relation-group', 'data-relation': `${edges[0].direction}:${edges[0].type}` },
        h(
          'h4',
          null,
          label,
          inGraph && edges.some((edge) => !actions.inGraph(edge.node.id))
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link add-all',
                  title: `Add every “${label}” relation to the drawing`,
                  onclick: () => actions.onExpandType(entity, edges[0].type, edges[0].direction),
                },
                `add all ${edges.length}`,
              )
            : null,
        ),
        h(
          'ul',
          { class: 'relations' },
          edges.map((edge) =>
            h(
              'li',
              null,
              h(
                'div',
                { class: 'relation-row' },
                h('span', { class: 'dot', style: { background: typeInfo(edge.node.__typename).color } }),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    title: actions.inGraph(edge.node.id)
                      ? 'Select it in the drawing'
                      : 'Add it to the drawing',
                    onclick: () => actions.onWalk(edge.node, entity),
                  },
                  edge.node.name,
                ),
                years(edge) ? h('span', { class: 'years' }, years(edge)) : null,
              ),
              edge.evidence?.length
                ? h(
                    'details',
                    { class: 'relation-evidence' },
                    h(
                      'summary',
                      null,
                      `${edge.evidence.length} source${edge.evidence.length === 1 ? '' : 's'}`,
                    ),
                    evidenceList(edge.evidence),
                  )
                : null,
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * @param {HTMLElement} panel
 * @param {any} relation
 * @param {any} from node data of the start
 * @param {any} to node data of the end
 * @param {(id: string) => void} onSelect
 */
export function showRelation(panel, relation, from, to, onSelect) {
  const end = (data) =>
    h(
      'button',
      { type: 'button', class: 'link', onclick: () => onSelect(data.id) },
      h('span', { class: 'dot', style: { background: typeInfo(data.typename).color } }),
      data.name,
    );
  fill(
    panel,
    h(
      'header',
      { class: 'panel-head' },
      h('span', { class: 'type-badge' }, 'Relation'),
      h('h2', { id: 'panel-title' }, relationLabel(relation.type)),
    ),
    h(
      'p',
      { class: 'relation-ends' },
      end(from),
      h('span', { class: 'arrow', 'aria-label': 'to' }, '→'),
      end(to),
    ),
    h(
      'dl',
      { class: 'props' },
      h('dt', null, 'Type'),
      h('dd', null, h('code', null, relation.type)),
      relation.since ? [h('dt', null, 'Since'), h('dd', null, relation.since)] : null,
      relation.until ? [h('dt', null, 'Until'), h('dd', null, relation.until)] : null,
      relation.year ? [h('dt', null, 'Year'), h('dd', null, relation.year)] : null,
    ),
    h('h3', null, 'Evidence ', h('span', { class: 'count' }, relation.evidence?.length ?? 0)),
    evidenceList(relation.evidence),
  );
}

/**
 * The paths found, each step written in the direction of its relation ("Zhongguancun → located in →
 * Beijing"), and whether paths through generic hubs (designations, co-mention events) come last.
 * @param {HTMLElement} panel
 * @param {{ from: any, to: any, paths: any[], selected: number, avoidHubs: boolean, hubCount: (path: any) => number }} view
 * @param {{ onPick: (index: number) => void, onAvoidHubs: (avoid: boolean) => void }} actions
 */
export function showPaths(
  panel,
  { from, to, paths, selected, avoidHubs, hubCount },
  { onPick, onAvoidHubs },
) {
  const name = (node) => h('span', { class: 'path-node' }, node.name);
  const steps = (path) =>
    path.edges.map((edge, i) => {
      const [a, b] = [path.nodes[i], path.nodes[i + 1]];
      const forward = edge.from.id === a.id;
      const [start, end] = forward ? [a, b] : [b, a];
      return h(
        'li',
        { class: 'path-step', 'data-from': start.id, 'data-to': end.id, 'data-edge': edge.id },
        name(start),
        h('span', { class: 'path-rel' }, ` → ${relationLabel(edge.type)} → `),
        name(end),
      );
    });
  fill(
    panel,
    h(
      'header',
      { class: 'panel-head' },
      h('span', { class: 'type-badge' }, 'Paths'),
      h('h2', { id: 'panel-title' }, `${from.name} → ${to.name}`),
    ),
    paths.length
      ? h(
          'p',
          { class: 'muted' },
          `${paths.length} shortest connection${paths.length === 1 ? '' : 's'}. Choose one to highlight it; click a node or a relation for its sources.`,
        )
      : h('p', { class: 'muted' }, 'No connection of at most 4 relations was found.'),
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        id: 'avoid-hubs',
        checked: avoidHubs,
        onchange: (event) => onAvoidHubs(event.target.checked),
      }),
      ' Avoid generic hubs (a shared designation, a co-mention event) where a path without them exists',
    ),
    h(
      'ol',
      { class: 'paths' },
      paths.map((path, index) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              class: `path-choice${index === selected ? ' is-selected' : ''}`,
              'aria-pressed': String(index === selected),
              onclick: () => onPick(index),
            },
            h(
              'span',
              { class: 'path-title' },
              `Path ${index + 1} · ${path.length} step${path.length === 1 ? '' : 's'}`,
              hubCount(path)
                ? h(
                    'span',
                    { class: 'path-hubs' },
                    ` · via ${hubCount(path)} hub${hubCount(path) === 1 ? '' : 's'}`,
                  )
                : null,
            ),
            h('ol', { class: 'path-steps' }, steps(path)),
          ),
        ),
      ),
    ),
  );
}

export function showIntro(panel) {
  fill(
    panel,
    h('header', { class: 'panel-head' }, h('h2', { id: 'panel-title' }, 'How to explore')),
    h(
      'ul',
      { class: 'howto' },
      h(
        'li',
        null,
        h('strong', null, 'Search'),
        ' in English or Chinese; choose a suggestion to draw its neighbourhood.',
      ),
      h(
        'li',
        null,
        h('strong', null, 'Click'),
        ' a node or a relation to read its facts and the sources they come from.',
      ),
      h('li', null, h('strong', null, 'Double-click'), ' a node to add its neighbours to the drawing.'),
      h(
        'li',
        null,
        h('strong', null, 'Depth'),
        ' and ',
        h('strong', null, 'As of year'),
        ' change what is drawn.',
      ),
      h('li', null, h('strong', null, 'Connect'), ' two entities to see how they relate.'),
      h('li', null, 'The address bar always holds the current view: copy it to share it.'),
    ),
  );
}

/** @param {HTMLElement} panel @param {string} message */
export function showLoading(panel, message = 'Loading…') {
  fill(panel, h('p', { class: 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), message));
}
