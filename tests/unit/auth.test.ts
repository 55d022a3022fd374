import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { authenticate } from '../../src/http/auth.ts';
import { requireScope } from '../../src/schema/auth.ts';

const keys = loadConfig({ API_KEYS: 'analyst:analyst-key-0123456789,editor:editor-key-0123456789' }).apiKeys;

describe('API keys', () => {
  it('parses scope:key pairs from API_KEYS', () => {
    expect(keys).toEqual([
      { scope: 'analyst', key: 'analyst-key-0123456789' },
      { scope: 'editor', key: 'editor-key-0123456789' },
    ]);
  });

  it('refuses malformed API_KEYS at start, naming the variable', () => {
    expect(() => loadConfig({ API_KEYS: 'admin:short' })).toThrow(/API_KEYS=.*scope:key pairs/);
  });

  it('grants the scope of the bearer key, and nothing for a wrong or missing one', () => {
    expect([...authenticate('Bearer editor-key-0123456789', keys).scopes]).toEqual(['editor']);
    expect([...authenticate('bearer analyst-key-0123456789', keys).scopes]).toEqual(['analyst']);
    expect(authenticate('Bearer nope', keys).scopes.size).toBe(0);
    expect(authenticate(null, keys).presented).toBe(false);
  });

  it('explains each refusal: no keys configured, no key sent, key without the scope', () => {
    expect(() => requireScope(authenticate(null, []), 'editor', 'Curation')).toThrow(
      /no API keys are configured\. Set API_KEYS=editor:/,
    );
    expect(() => requireScope(authenticate(null, keys), 'editor', 'Curation')).toThrow(
      /send "Authorization: Bearer <key>"/,
    );
    expect(() =>
      requireScope(authenticate('Bearer analyst-key-0123456789', keys), 'editor', 'Curation'),
    ).toThrow(/does not grant it/);
    expect(() =>
      requireScope(authenticate('Bearer editor-key-0123456789', keys), 'editor', 'Curation'),
    ).not.toThrow();
  });
});
