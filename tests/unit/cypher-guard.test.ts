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

describe('the text guard cannot be bypassed (issue 12, item 6)', () => {
  const passwd = "'file:///etc/passwd'";
  it.each([
    // Comment markers inside string literals used to blank what followed them.
    [`WITH '/*' AS a LOAD CSV FROM ${passwd} AS l RETURN l, '*/' AS b`],
    [`WITH '//' AS a LOAD CSV FROM ${passwd} AS l RETURN l`],
    [`WITH "it's" AS a, '\\'' AS b LOAD CSV FROM ${passwd} AS l RETURN l`],
    // A quote inside a backtick-quoted identifier used to open a "string" that swallowed LOAD CSV.
    [`WITH 1 AS \`'\` LOAD CSV FROM ${passwd} AS l RETURN l, '' AS x`],
    [`WITH 1 AS \`/*\` LOAD CSV FROM ${passwd} AS l RETURN l, 1 AS \`*/\``],
    // Characters Cypher reads as whitespace, and comments, between the two words.
    [`LOAD\u001cCSV FROM ${passwd} AS l RETURN l`],
    [`LOAD\u000bCSV FROM ${passwd} AS l RETURN l`],
    [`LOAD\u00a0CSV FROM ${passwd} AS l RETURN l`],
    [`LOAD\u3000CSV FROM ${passwd} AS l RETURN l`],
    [`LOAD\u2028CSV FROM ${passwd} AS l RETURN l`],
    [`LOAD/* x */CSV FROM ${passwd} AS l RETURN l`],
    [`LOAD// x\nCSV FROM ${passwd} AS l RETURN l`],
    [`WITH 'http://127.0.0.1/' AS u LOAD\tCsV WITH HEADERS FROM u AS l RETURN l`],
  ])('refuses LOAD CSV hidden as %j', (query) => {
    expect(() => checkCypherText(query)).toThrow(/LOAD CSV is not allowed/);
  });

  it('refuses a statement that never closes its string, comment or identifier', () => {
    expect(() => checkCypherText("RETURN 'abc")).toThrow(/unterminated string/);
    expect(() => checkCypherText('RETURN 1 /* x')).toThrow(/unterminated comment/);
    expect(() => checkCypherText('RETURN 1 AS `x')).toThrow(/unterminated backtick/);
  });

  it('finds the leading clause and a second statement whatever separates them', () => {
    expect(() => checkCypherText('/* hi */\u001cEXPLAIN MATCH (n) RETURN n')).toThrow(/EXPLAIN/);
    expect(() => checkCypherText("RETURN ';' AS a;\u00a0MATCH (n) DETACH DELETE n")).toThrow(
      /One statement at a time/,
    );
    expect(() => checkCypherText("RETURN ';' AS a ; // trailing")).not.toThrow();
  });

  it('reads procedure names through backticks and comments', () => {
    expect(() => checkCypherText('CALL `dbms`.`listConfig`() YIELD name RETURN name')).toThrow(
      /dbms\.listConfig is not allowed/,
    );
    expect(() => checkCypherText('CALL dbms/* x */.listConfig() YIELD name RETURN name')).toThrow(
      /dbms\.listConfig is not allowed/,
    );
    expect(checkCypherText('CALL `db`.labels() YIELD label RETURN label')).toEqual(['db.labels']);
  });

  it.each([
    ['CALL { MATCH (n) RETURN count(n) AS c } IN TRANSACTIONS RETURN c'],
    ['UNWIND [1] AS x CALL { WITH x RETURN x AS y } IN/* */TRANSACTIONS OF 1 ROW RETURN y'],
    ['UNWIND [1] AS x CALL (x) { RETURN x AS y } IN 2 CONCURRENT TRANSACTIONS RETURN y'],
  ])('refuses CALL … IN TRANSACTIONS, saying why: %s', (query) => {
    expect(() => checkCypherText(query)).toThrow(/IN TRANSACTIONS is not allowed/);
  });

  it('keeps words in strings, comments and backticks out of the checks', () => {
    expect(() =>
      checkCypherText(
        "MATCH (n) WHERE n.name = 'a /* b' RETURN n.`LOAD CSV` AS `x;y`, '*/' AS c // LOAD CSV",
      ),
    ).not.toThrow();
    expect(codeOnly("RETURN 'LOAD CSV' AS `LOAD CSV`")).not.toMatch(/LOAD/);
  });
});

describe('checkPlan refuses operators that reach outside the graph', () => {
  it.each([
    ['LoadCSV@neo4j', /LOAD CSV is not allowed/],
    ['LoadCSV', /LOAD CSV is not allowed/],
    ['TransactionForeach@neo4j', /IN TRANSACTIONS is not allowed/],
    ['TransactionApply@neo4j', /IN TRANSACTIONS is not allowed/],
  ])('%s', (operatorType, message) => {
    const plan = { operatorType: 'ProduceResults@neo4j', children: [{ operatorType, children: [] }] };
    expect(() => checkPlan(plan)).toThrow(message);
  });
});
