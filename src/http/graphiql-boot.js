/*
 * Starts GraphiQL (loaded just before as /graphiql/graphiql.<hash>.js) with the options the server put
 * in #graphiql-config; Monaco's workers are same-origin files. A `?query=` (from the Explorer's "Open
 * in GraphiQL") gets its own tab, titled with `?title=` or its operation name, next to the example
 * tabs; opening the same query again selects that tab.
 */
(() => {
  const config = JSON.parse(document.getElementById('graphiql-config').textContent);
  const options = config.options || {};
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: (_moduleId, label) => config.workers[label] || config.workers.editorWorkerService,
  };

  const STORAGE_KEY = 'graphiql:tabState';
  const operationName = (query) =>
    /^(?!#).*(query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(query)?.[2] ?? null;
  const id = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const tab = (query, title) => ({
    id: id(),
    hash: null,
    title: title || operationName(query) || '<untitled>',
    query,
    variables: null,
    headers: null,
    operationName: operationName(query),
    response: null,
  });

  const params = new URLSearchParams(location.search);
  const query = params.get('query');
  if (query) {
    try {
      let state = null;
      try {
        state = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
      } catch {
        state = null;
      }
      if (!state || !Array.isArray(state.tabs) || typeof state.activeTabIndex !== 'number') {
        state = { activeTabIndex: 0, tabs: (options.defaultTabs || []).map((t) => tab(t.query || '')) };
      }
      let index = state.tabs.findIndex((t) => t.query === query);
      if (index < 0) {
        state.tabs.push(tab(query, params.get('title')));
        index = state.tabs.length - 1;
      }
      state.activeTabIndex = index;
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch {
      // No storage (private mode): GraphiQL opens the query as it would.
    }
  }
  window.YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), options);
})();
