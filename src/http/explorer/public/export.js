/**
 * Exports of the view, exactly as drawn (what is hidden or filtered out is left out): GraphML for
 * Gephi or yEd, CSV (one table: nodes, then relations), JSON ({ nodes, relations }). The server's
 * /export/neighborhood gives a whole neighbourhood with every source instead (see the README).
 */

const xml = (text) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c],
  );

const csvCell = (value) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** @param {{ nodes: any, edges: any }} elements cytoscape collections */
function rows({ nodes, edges }) {
  const byId = new Map();
  const nodeRows = nodes.map((node) => {
    const row = {
      id: `${node.data('typename')}:${node.data('key')}`,
      type: node.data('typename'),
      key: node.data('key'),
      name: node.data('name'),
      nameZh: node.data('nameZh') ?? null,
      year: node.data('year') ?? null,
    };
    byId.set(node.id(), row.id);
    return row;
  });
  const relationRows = edges.map((edge) => {
    const relation = edge.data('relation') ?? {};
    return {
      id: edge.id(),
      type: edge.data('type'),
      from: byId.get(edge.data('source')),
      to: byId.get(edge.data('target')),
      since: relation.since ?? null,
      until: relation.until ?? null,
      year: relation.year ?? null,
    };
  });
  return { nodeRows, relationRows };
}

export function toJson(elements) {
  const { nodeRows, relationRows } = rows(elements);
  return `${JSON.stringify({ nodes: nodeRows, relations: relationRows }, null, 2)}\n`;
}

export function toCsv(elements) {
  const { nodeRows, relationRows } = rows(elements);
  const header = ['kind', 'id', 'type', 'key', 'name', 'nameZh', 'year', 'from', 'to', 'since', 'until'];
  const lines = [header.join(',')];
  for (const n of nodeRows)
    lines.push(
      ['node', n.id, n.type, n.key, n.name, n.nameZh, n.year, '', '', '', ''].map(csvCell).join(','),
    );
  for (const r of relationRows)
    lines.push(
      ['relation', r.id, r.type, '', '', '', r.year, r.from, r.to, r.since, r.until].map(csvCell).join(','),
    );
  return `${lines.join('\n')}\n`;
}

export function toGraphml(elements) {
  const { nodeRows, relationRows } = rows(elements);
  const keys = [
    ['type', 'node'],
    ['key', 'node'],
    ['name', 'node'],
    ['nameZh', 'node'],
    ['year', 'node'],
    ['relation', 'edge'],
    ['since', 'edge'],
    ['until', 'edge'],
    ['relyear', 'edge'],
  ];
  const data = (key, value) =>
    value === null || value === undefined ? '' : `<data key="${key}">${xml(value)}</data>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keys.map(
      ([id, on]) =>
        `  <key id="${id}" for="${on}" attr.name="${id === 'relyear' ? 'year' : id}" attr.type="string"/>`,
    ),
    '  <graph id="view" edgedefault="directed">',
    ...nodeRows.map(
      (n) =>
        `    <node id="${xml(n.id)}">${data('type', n.type)}${data('key', n.key)}${data('name', n.name)}${data('nameZh', n.nameZh)}${data('year', n.year)}</node>`,
    ),
    ...relationRows.map(
      (r) =>
        `    <edge id="${xml(r.id)}" source="${xml(r.from)}" target="${xml(r.to)}">${data('relation', r.type)}${data('since', r.since)}${data('until', r.until)}${data('relyear', r.year)}</edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

/** Saves a blob as a file. @param {Blob} blob @param {string} name */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
