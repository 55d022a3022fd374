/**
 * A search box with suggestions (the ARIA 1.2 combobox pattern): typing asks `search` (debounced, the
 * previous request aborted), ArrowDown/ArrowUp move through the list, Enter chooses, Escape closes.
 */
import { gql, searchOperation } from './api.js';
import { typeInfo } from './types.js';

let counter = 0;

/**
 * @typedef {{ __typename: string, id: string, key: string, name: string, nameZh?: string | null }} EntityRef
 */

export class Combobox {
  /**
   * @param {HTMLElement} root an element holding an <input> and a role="listbox" element
   * @param {{ onChoose: (entity: EntityRef) => void, onError?: (error: unknown) => void, delay?: number }} options
   */
  constructor(root, { onChoose, onError, delay = 150 }) {
    this.input = /** @type {HTMLInputElement} */ (root.querySelector('input'));
    this.list = /** @type {HTMLElement} */ (root.querySelector('[role="listbox"]'));
    this.onChoose = onChoose;
    this.onError = onError;
    this.delay = delay;
    /** @type {EntityRef[]} */
    this.items = [];
    this.active = -1;
    /** @type {EntityRef | null} the entity chosen, while the text is still its name */
    this.chosen = null;
    this.timer = 0;
    /** @type {AbortController | null} */
    this.pending = null;
    /** @type {Promise<EntityRef[]> | null} */
    this.lastSearch = null;

    const id = `suggestions-${++counter}`;
    this.list.id = id;
    this.input.setAttribute('role', 'combobox');
    this.input.setAttribute('aria-autocomplete', 'list');
    this.input.setAttribute('aria-expanded', 'false');
    this.input.setAttribute('aria-controls', id);

    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 120));
    this.input.addEventListener('focus', () => {
      if (this.items.length && !this.chosen) this.open();
    });
    // mousedown, not click: it comes before the input's blur closes the list.
    this.list.addEventListener('mousedown', (event) => {
      const option = /** @type {HTMLElement} */ (event.target).closest('[role="option"]');
      if (!option) return;
      event.preventDefault();
      this.choose(Number(option.dataset.index));
    });
  }

  /** Shows an entity as chosen (e.g. from the URL) without asking for suggestions. */
  set(entity) {
    this.chosen = entity;
    this.input.value = entity ? entity.name : '';
    this.close();
  }

  onInput() {
    this.chosen = null;
    clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (!text) {
      this.pending?.abort();
      this.lastSearch = null;
      this.render([]);
      return;
    }
    this.lastSearch = new Promise((resolve) => {
      this.timer = window.setTimeout(() => resolve(this.search(text)), this.delay);
    });
  }

  /** @param {string} text @returns {Promise<EntityRef[]>} */
  async search(text) {
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    this.list.closest('.combobox')?.classList.add('is-loading');
    try {
      const { query, variables } = searchOperation(text);
      const data = await gql(query, variables, controller.signal);
      if (controller.signal.aborted || this.input.value.trim() !== text) return this.items;
      // Each suggestion keeps what matched, to show it (search's own ranking decides the order).
      const items = data.search.map((hit) => ({ ...hit.entity, highlight: hit.highlights?.[0] ?? null }));
      this.render(items);
      return items;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return this.items;
      this.render([]);
      throw error;
    } finally {
      if (this.pending === controller) {
        this.pending = null;
        this.list.closest('.combobox')?.classList.remove('is-loading');
      }
    }
  }

  /**
   * The entity the box stands for: the chosen one, else the best suggestion for its text (waiting for
   * a search in flight), else null.
   * @returns {Promise<EntityRef | null>}
   */
  async resolve() {
    if (this.chosen) return this.chosen;
    const text = this.input.value.trim();
    if (!text) return null;
    const items = this.lastSearch ? await this.lastSearch : await this.search(text);
    const first = (this.items.length ? this.items : items)[0] ?? null;
    if (first) this.set(first);
    return first;
  }

  /** Chooses the best suggestion for the text typed (Enter without a highlighted one). */
  async chooseTop() {
    if (this.chosen) {
      this.onChoose(this.chosen);
      return;
    }
    try {
      const entity = await this.resolve();
      if (entity) this.onChoose(entity);
      else if (this.input.value.trim()) this.open();
    } catch (error) {
      this.onError?.(error);
    }
  }

  /**
   * One suggestion: a coloured dot, the name (and the Chinese name), the type. One place to extend, e.g.
   * with the matched words of a search hit highlighted.
   * @param {EntityRef} entity @param {number} index
   */
  renderOption(entity, index) {
    const option = document.createElement('div');
    option.id = `${this.list.id}-${index}`;
    option.setAttribute('role', 'option');
    option.setAttribute('aria-selected', 'false');
    option.dataset.index = String(index);
    const info = typeInfo(entity.__typename);
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.style.background = info.color;
    const name = document.createElement('span');
    name.className = 'option-name';
    // What the search matched (its highlight), marked where it is shown.
    const found = entity.highlight;
    name.append(found?.field === 'NAME' ? marked(found.text, found.ranges) : entity.name);
    if (entity.nameZh) {
      const zh = document.createElement('span');
      zh.className = 'option-zh';
      zh.lang = 'zh';
      zh.append(found?.field === 'NAME_ZH' ? marked(found.text, found.ranges) : entity.nameZh);
      name.append(' ', zh);
    }
    if (found && found.field !== 'NAME' && found.field !== 'NAME_ZH' && found.ranges.length) {
      // Found elsewhere (alias, pinyin, description, a quote): the matching part, in a line of its own.
      const match = document.createElement('span');
      match.className = 'option-match';
      match.append(`${MATCH_LABELS[found.field] ?? ''}: `, marked(found.text, found.ranges, 60));
      name.append(match);
    }
    const type = document.createElement('span');
    type.className = 'option-type';
    type.textContent = info.label;
    option.append(dot, name, type);
    return option;
  }

  /** @param {EntityRef[]} items */
  render(items) {
    this.items = items;
    this.active = -1;
    this.list.replaceChildren(...items.map((entity, index) => this.renderOption(entity, index)));
    if (!items.length && this.input.value.trim()) {
      const empty = document.createElement('div');
      empty.className = 'no-results';
      empty.textContent = 'No match';
      this.list.append(empty);
    }
    if (document.activeElement === this.input && this.list.children.length) this.open();
    else this.close();
  }

  open() {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  /** @param {number} index */
  highlight(index) {
    const options = this.list.querySelectorAll('[role="option"]');
    if (!options.length) return;
    this.active = (index + options.length) % options.length;
    options.forEach((option, i) => {
      option.setAttribute('aria-selected', String(i === this.active));
    });
    const option = options[this.active];
    this.input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  /** @param {number} index */
  choose(index) {
    const entity = this.items[index];
    if (!entity) return;
    this.set(entity);
    this.onChoose(entity);
  }

  /** @param {KeyboardEvent} event */
  onKeyDown(event) {
    const isOpen = !this.list.hidden;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!isOpen && this.items.length) this.open();
        this.highlight(this.active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!isOpen && this.items.length) this.open();
        this.highlight(this.active < 0 ? -1 : this.active - 1);
        break;
      case 'Enter':
        // Enter chooses the highlighted suggestion, else the top one (waiting for a search in flight).
        event.preventDefault();
        if (isOpen && this.active >= 0) this.choose(this.active);
        else void this.chooseTop();
        break;
      case 'Escape':
        if (isOpen) {
          event.preventDefault();
          this.close();
        }
        break;
      default:
    }
  }
}

const MATCH_LABELS = { ALIAS: 'also', PINYIN: 'pinyin', DESCRIPTION: 'about', EVIDENCE: 'quote' };

/**
 * `text` with its `ranges` in <mark> (text nodes only: nothing is parsed as HTML); with `around`, only
 * that many characters either side of the matches, with ellipses.
 * @param {string} text
 * @param {{ start: number, end: number }[]} ranges
 * @param {number} [around]
 */
function marked(text, ranges, around) {
  const fragment = document.createDocumentFragment();
  let from = 0;
  let to = text.length;
  if (around !== undefined && ranges.length) {
    from = Math.max(0, ranges[0].start - around);
    to = Math.min(text.length, ranges[ranges.length - 1].end + around);
  }
  if (from > 0) fragment.append('…');
  let at = from;
  for (const range of ranges) {
    if (range.end <= at || range.start >= to) continue;
    fragment.append(text.slice(at, range.start));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(Math.max(at, range.start), Math.min(to, range.end));
    fragment.append(mark);
    at = Math.min(to, range.end);
  }
  fragment.append(text.slice(at, to));
  if (to < text.length) fragment.append('…');
  return fragment;
}
