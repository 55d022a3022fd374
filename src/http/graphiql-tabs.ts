/** The example tabs GraphiQL opens with (only when the browser has no saved tabs). */
export const graphiqlTabs = [
  {
    query: `# What the graph holds: nodes per label and relationships per type.
query GraphStats {
  stats {
    nodesByLabel { name count }
    relationshipsByType { name count }
  }
}
`,
  },
];
