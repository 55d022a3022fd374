/** The entity types of the graph: their display names and colours (one place for the drawing and the legend). */

/** @type {Record<string, { label: string, color: string }>} keyed by GraphQL __typename */
export const TYPES = {
  Zone: { label: 'Zone', color: '#2f6fb3' },
  Company: { label: 'Company', color: '#e8772e' },
  Place: { label: 'Place', color: '#4f9a45' },
  Organization: { label: 'Organization', color: '#8e5ea2' },
  Program: { label: 'Program', color: '#d64550' },
  Policy: { label: 'Policy', color: '#e3799b' },
  Designation: { label: 'Designation', color: '#c9a227' },
  Event: { label: 'Event', color: '#3aa3a0' },
  Indicator: { label: 'Indicator', color: '#8c6d52' },
  IndustryCluster: { label: 'Industry cluster', color: '#7fb950' },
  Technology: { label: 'Technology', color: '#4a7f8c' },
  Source: { label: 'Source', color: '#7a7370' },
};

const FALLBACK = { label: 'Entity', color: '#8892a0' };

/** @param {string} typename */
export function typeInfo(typename) {
  return TYPES[typename] ?? { ...FALLBACK, label: typename };
}

/** "ORIGINATED_IN" → "originated in" */
export function relationLabel(type) {
  return String(type).toLowerCase().replaceAll('_', ' ');
}
