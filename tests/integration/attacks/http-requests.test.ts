/**
 * Attack corpus: the HTTP request itself — its size, its content type, what it accepts — and what an
 * unexpected failure shows. Sent to a real listener (node:http, as `npm start` serves), since body
 * limits are about bytes on a socket.
 */
import { request as httpRequest, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../../../src/http/server.ts';
import { createApp } from '../../../src/http/yoga.ts';
import { createLogger } from '../../../src/logger.ts';
import { schema } from '../../../src/schema/index.ts';
import { useExecutor } from '../../support/neo4j.ts';

const executor = useExecutor();
const MAX_BODY = 64 * 1024;
let server: Server;
let base: string;

beforeAll(async () => {
  const app = createApp({
    schema,
    executor,
    log: createLogger('silent'),
    limits: { maxBodyBytes: MAX_BODY },
  });
  // The listener as main.ts makes it, with tight bounds so that the test need not wait long.
  server = await listen(app, '127.0.0.1', 0, {
    requestTimeoutMs: 2_000,
    maxConnections: 60,
    maxConnectionsPerClient: 20,
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => close(server, 1_000));

interface PostOptions {
  /** Send the body without a Content-Length, as a stream of chunks. */
  chunked?: boolean;
  headers?: Record<string, string>;
  /** Send only this many bytes of the body and wait for the answer: did the server need the rest? */
  sendOnly?: number;
}

/** A raw POST over a socket. */
function post(
  body: string,
  { chunked = false, headers = {}, sendOnly }: PostOptions = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}/graphql`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(body) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    // The server may answer 413 and stop reading before the whole body is sent.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    const sent = sendOnly === undefined ? body : body.slice(0, sendOnly);
    for (let i = 0; i < sent.length; i += 16_384) req.write(sent.slice(i, i + 16_384));
    if (sendOnly === undefined) req.end();
  });
}

const bigBody = (bytes: number) =>
  JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes) } });

describe('request bodies', () => {
  it.each([
    ['with a Content-Length', false],
    ['chunked, without a Content-Length', true],
  ])('over MAX_BODY_BYTES, %s, get 413 with a JSON error before the body is read', async (_name, chunked) => {
    // 20 MB announced or streamed, but only a little past the limit sent: the answer cannot wait for the rest.
    const { status, text } = await post(bigBody(20 * 1024 * 1024), {
      chunked,
      sendOnly: chunked ? 2 * MAX_BODY : 1_024,
    });
    expect(status).toBe(413);
    expect(JSON.parse(text).errors[0]).toMatchObject({
      message: expect.stringMatching(/larger than 65536 bytes \(MAX_BODY_BYTES\)/),
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('within the limit, %s, are answered', async (_name, chunked) => {
    const { status, text } = await post(bigBody(MAX_BODY - 1_000), { chunked });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('refusals say what to send', () => {
  it.each([
    ['text/plain', 'x'],
    ['application/xml', '<query/>'],
  ])('415 for %s has a JSON body naming the content type to use', async (type, body) => {
    const { status, text } = await post(body, { headers: { 'content-type': type } });
    expect(status).toBe(415);
    expect(JSON.parse(text).errors[0].message).toMatch(/Content-Type: application\/json/);
  });

  it.each([['image/png'], ['text/html']])(
    '406 for Accept: %s has a JSON body naming what it can send',
    async (accept) => {
      const { status, text } = await post('{"query":"{ __typename }"}', { headers: { accept } });
      expect(status).toBe(406);
      expect(JSON.parse(text).errors[0].message).toMatch(/application\/graphql-response\+json/);
    },
  );
});

describe('request targets that are not a path', () => {
  /** Sends one raw request line over a socket; the whole answer. */
  const raw = (line: string) =>
    new Promise<string>((resolve) => {
      const socket = net.connect(Number(new URL(base).port), '127.0.0.1', () =>
        socket.write(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => resolve(text));
    });

  it.each([['GET * HTTP/1.1'], ['OPTIONS * HTTP/1.1']])(
    '%s gets a 400 in JSON, not a 500 with a stack trace',
    async (line) => {
      const answer = await raw(line);
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toMatch(/must be a path/);
      expect(answer).not.toMatch(/TypeError|node_modules|at new URL/);
    },
  );

  it('an absolute URL, as sent to a proxy, is answered as its path', async () => {
    const answer = await raw(`GET ${base}/graphql?query=%7B__typename%7D HTTP/1.1`);
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toMatch(/"__typename":"Query"/);
  });
});

describe('HEAD', () => {
  /** The status and headers of a HEAD request, and how many body bytes came with it. */
  const head = (target: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, unknown>; bytes: number }>((resolve, reject) => {
      const req = httpRequest(`${base}${target}`, { method: 'HEAD', headers }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      });
      req.on('error', reject);
      req.end();
    });

  it('is answered as GET is, without the body: GraphQL by GET, GraphiQL and the probes', async () => {
    const query = await head('/graphql?query=%7B__typename%7D', { accept: 'application/json' });
    expect(query.status).toBe(200);
    expect(query.headers['content-type']).toMatch(/application\/(graphql-response\+)?json/);
    expect(query.bytes).toBe(0);
    const page = await head('/graphql', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    for (const probe of ['/healthz', '/readyz', '/']) expect((await head(probe)).status, probe).toBe(200);
  });

  it('of a mutation is refused as a GET of one is', async () => {
    const target = `/graphql?query=${encodeURIComponent('mutation { __typename }')}`;
    const get = await fetch(`${base}${target}`, { headers: { accept: 'application/json' } });
    const answer = await head(target, { accept: 'application/json' });
    expect(answer.status).toBe(get.status);
    expect(answer.status).toBe(405);
  });
});

describe('unexpected errors leak nothing', () => {
  it.each([
    [
      '2,050 nested lists in an argument',
      `{"query":"{ __typename(x: ${'['.repeat(2_050)}1${']'.repeat(2_050)}) }"}`,
    ],
    [
      '2,400 nested NOTs in a filter',
      `{"query":"{ zones(where: ${'{NOT:'.repeat(2_400)}{}${'}'.repeat(2_400)}) { totalCount } }"}`,
    ],
    ['a subscription', '{"query":"subscription { __typename }"}'],
    [
      'a broken variables object',
      '{"query":"query Q($k: String!) { zone(key: $k) { key } }","variables":"nope"}',
    ],
    ['a query that is not a string', '{"query":{"a":1}}'],
  ])('%s gets no stack trace, no file path', async (_name, body) => {
    const { status, text } = await post(body);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(text).not.toMatch(/stack|node_modules|\/work\/|\.ts:\d|originalError/);
  });
});

describe('parameters in a URL or a form', () => {
  it.each([
    ['variables in a GET URL', '?query=%7B__typename%7D&variables=%7Bbad'],
    ['extensions in a GET URL', '?query=%7B__typename%7D&extensions=%7Bbad'],
    ['variables that are a list', '?query=%7B__typename%7D&variables=%5B1%5D'],
  ])('%s that are no JSON object get a 400 that says so, not a 500', async (_name, search) => {
    const response = await fetch(`${base}/graphql${search}`);
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toMatch(/must be a JSON object/);
  });

  it('the same when a "#" in the request line hides them from a URL parser', async () => {
    const answer = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(new URL(base).port), '127.0.0.1', () =>
        socket.write(
          'GET /graphql?query=%7B__typename%7D#&variables=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        ),
      );
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toMatch(/variables must be a JSON object/);
  });

  it('the same in a form body', async () => {
    const { status, text } = await post('query=%7B__typename%7D&variables=%7Bbad', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].message).toMatch(/variables must be a JSON object/);
  });

  it('a good form body is still answered', async () => {
    const { status, text } = await post('query=%7B__typename%7D&variables=%7B%7D', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('errors say what is wrong, and no more', () => {
  it('a body that is not JSON is a BAD_REQUEST that does not echo the body back', async () => {
    const { status, text } = await post('{"query": "{ __typename }", "secret-looking-input');
    expect(status).toBeLessThan(500);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(text).not.toMatch(/secret-looking-input|originalError|SyntaxError/);
  });

  it.each([
    ['an Int past 32 bits', 'query($n: Int) { zones(first: $n) { totalCount } }', { n: 99_999_999_999 }],
    ['a string for an Int', 'query($n: Int) { zones(first: $n) { totalCount } }', { n: 'ten' }],
    ['a missing required variable', 'query($k: String!) { zone(key: $k) { key } }', {}],
  ])('a variable of the wrong type (%s) is a BAD_USER_INPUT', async (_name, query, variables) => {
    const { text } = await post(JSON.stringify({ query, variables }));
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('connections held open', () => {
  /** Opens a socket (from `from`, a loopback address) that sends headers and the start of a body, then nothing. */
  function halfSent(from = '127.0.0.1'): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(
        { port: Number(new URL(base).port), host: '127.0.0.1', localAddress: from },
        () => {
          socket.write(
            'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
          );
          resolve(socket);
        },
      );
      socket.on('error', () => {});
      socket.once('error', reject);
    });
  }
  const closed = (socket: net.Socket) =>
    new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString();
      });
      socket.on('close', () => resolve(answer));
    });

  it('a half-sent request is cut off with 408 after REQUEST_TIMEOUT_MS, not held for minutes', async () => {
    const socket = await halfSent();
    const started = performance.now();
    const answer = await closed(socket);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // 2 s configured; Node checks on an interval, and the machine may be busy.
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  /** A GET of /healthz from `from`: its status, or 0 when the connection was refused or closed. */
  const healthFrom = (from: string) =>
    new Promise<number>((resolve) => {
      const req = httpRequest(`${base}/healthz`, { localAddress: from, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.end();
    });

  it('past MAX_CONNECTIONS_PER_CLIENT one address gets no more sockets, and another address is still served', async () => {
    const held = await Promise.all(Array.from({ length: 20 }, () => halfSent('127.0.0.5')));
    try {
      const extra = await halfSent('127.0.0.5').catch(() => null);
      if (extra) expect(await closed(extra)).toBe(''); // closed by the server without an answer
      expect(await healthFrom('127.0.0.6')).toBe(200);
    } finally {
      for (const socket of held) socket.destroy();
    }
  });

  it('past MAX_CONNECTIONS in all new sockets are closed at once, and the server answers again once they go', async () => {
    const held = (
      await Promise.all(
        ['127.0.0.7', '127.0.0.8', '127.0.0.9'].map((from) =>
          Promise.all(Array.from({ length: 20 }, () => halfSent(from))),
        ),
      )
    ).flat();
    try {
      expect(await healthFrom('127.0.0.10')).toBe(0);
    } finally {
      for (const socket of held) socket.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await healthFrom('127.0.0.10')).toBe(200);
  });
});

describe('bodies this server does not take', () => {
  it.each([
    ['multipart/form-data; boundary=XyZ', {}, /Multipart bodies/],
    ['application/json', { 'content-encoding': 'gzip' }, /Content-Encoding gzip is not taken/],
    [
      'application/json',
      { 'content-encoding': 'deflate, gzip' },
      /Content-Encoding deflate, gzip is not taken/,
    ],
  ])('%s %j gets a 415 that says what to send', async (type, extra, says) => {
    const { status, text } = await post(
      '--XyZ\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--XyZ--',
      {
        headers: { 'content-type': type, ...extra },
      },
    );
    expect(status).toBe(415);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // Its own reason, not the generic one about Content-Type (which the client sent right).
    expect(JSON.parse(text).errors[0].message).toMatch(says);
  });
});
