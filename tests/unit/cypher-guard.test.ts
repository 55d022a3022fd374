import { describe, expect, it } from 'vitest';
import { CypherRefusedError, checkCypherText, checkPlan, codeOnly } from '../../src/graph/cypher-guard.ts';

describe('checkCypherText', () => {
  it('lets a plain read through and lists the procedures it calls', () => {
    expect(checkCypherText('MATCH (n:Zone) RETURN n LIMIT 5')).toEqual([]);
    expect(checkCypherText('CALL db.labels() YIELD label RETURN label')).toEqual(['db.labels']);
  });

  it.each([
    ['LOAD CSV FROM "file:///etc/passwd" AS l RETURN l', /LOAD CSV is not allowed/],
    ['load   csv with headers from "http://x" as r return r', /LOAD CSV is not allowed/],
    ['EXPLAIN MATCH (n) RETURN n', /may not start with EXPLAIN/],
    ['PROFILE MATCH (n) RETURN n', /may not start with PROFILE/],
    ['CYPHER runtime=slotted MATCH (n) RETURN n', /may not start with CYPHER/],
    ['USE system SHOW USERS', /may not start with USE/],
    ['CALL dbms.listConfig() YIELD name RETURN name', /dbms\.listConfig is not allowed/],
    ['CALL apoc.load.json("http://x")', /apoc\.load\.json is not allowed/],
    ['CALL db . labels ( )', /^$/],
    ['SHOW TRANSACTIONS', /Queries must start with MATCH/],
    ['TERMINATE TRANSACTIONS "x"', /TERMINATE is not allowed/],
    ['GRANT ROLE admin TO bob', /GRANT is not allowed/],
    ['MATCH (n) RETURN n; MATCH (n) DETACH DELETE n', /One statement at a time/],
    ['   ', /empty/],
  ])('refuses %s', (query, message) => {
    if (message.source === '^$') {
      expect(() => checkCypherText(query)).not.toThrow();
      return;
    }
    expect(() => checkCypherText(query)).toThrow(CypherRefusedError);
    expect(() => checkCypherText(query)).toThrow(message);
  });

  it('ignores keywords inside strings and comments', () => {
    expect(codeOnly("RETURN 'LOAD CSV' AS x // CALL dbms.x()")).not.toMatch(/LOAD CSV|dbms/);
    expect(() =>
      checkCypherText("MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n /* CALL dbms.kill() */"),
    ).not.toThrow();
  });
});

describe('checkPlan', () => {
  it('refuses a procedure the plan calls outside the allow-list', () => {
    const plan = {
      operatorType: 'ProduceResults@neo4j',
      children: [
        {
          operatorType: 'ProcedureCall@neo4j',
          arguments: { Details: 'dbms.listConfig() :: (name :: STRING)' },
        },
      ],
    };
    expect(() => checkPlan(plan)).toThrow(/dbms\.listConfig is not allowed/);
  });

  it('accepts allowed procedures', () => {
    const plan = {
      operatorType: 'ProcedureCall@neo4j',
      arguments: { Details: 'db.labels() :: (label :: STRING)' },
    };
    expect(() => checkPlan(plan)).not.toThrow();
  });
});
