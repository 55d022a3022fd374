/**
 * What a request must look like before anything reads it: a body of at most `maxBodyBytes` (413
 * otherwise, before a byte is parsed); `variables` and `extensions` in a URL or a form body that are
 * JSON objects (yoga's own parsing of those throws, which would be a 500); and an answer in JSON for
 * every refusal — yoga leaves the bodies of 415 and 406 empty, which tells a client nothing.
 */
import type { Plugin } from 'graphql-yoga';

const json = (status: number, message: string, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

export function tooLarge(maxBodyBytes: number): Response {
  return json(
    413,
    `The request body is larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES): send a smaller query or fewer variables.`,
    'PAYLOAD_TOO_LARGE',
  );
}

/**
 * The body, read up to `max` bytes; null once it is longer (the rest is not read). For bodies sent
 * without a Content-Length (chunked), whose size is known only by reading them.
 */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  max: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** Why the `variables` or `extensions` parameter is not a JSON object, or null when both are fine. */
export function paramsProblem(params: URLSearchParams): string | null {
  for (const name of ['variables', 'extensions']) {
    const text = params.get(name);
    if (text === null || text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return `${name} must be a JSON object, e.g. ${name}={"key":"zhongguancun"}; it is not valid JSON.`;
    }
    if (value !== null && (typeof value !== 'object' || Array.isArray(value)))
      return `${name} must be a JSON object, e.g. ${name}={"key":"zhongguancun"}.`;
  }
  return null;
}

const badParams = (message: string) => json(400, message, 'BAD_REQUEST');

/**
 * Bodies this server does not take, though yoga would try: multipart (file uploads: the schema has no
 * Upload type, and yoga's multipart parsing fails with 500s on odd `map` fields) and compressed bodies
 * (never decompressed, so never a zip bomb either).
 */
function unsupportedBody(request: Request): string | null {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/'))
    return 'Multipart bodies (file uploads) are not taken: POST JSON with "Content-Type: application/json".';
  const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase().trim();
  if (encoding !== 'identity')
    return `Content-Encoding ${encoding} is not taken: send the body uncompressed.`;
  return null;
}

const isForm = (request: Request) =>
  (request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

export function useRequestLimits(maxBodyBytes: number): Plugin {
  return {
    // Not async: a body with a Content-Length (nearly every request) is passed on in the same turn; a
    // promise here would make yoga wait a turn for every request.
    onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method === 'GET') {
        // Read as yoga's GET parser reads them: everything after the first "?", a "#…" included.
        const problem = paramsProblem(new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1)));
        if (problem) endResponse(badParams(problem));
        return;
      }
      if (!request.body) return;
      const refusal = unsupportedBody(request);
      if (refusal) {
        endResponse(json(415, refusal, 'UNSUPPORTED_MEDIA_TYPE'));
        return;
      }
      const declared = request.headers.get('content-length');
      // Node's HTTP parser reads exactly Content-Length bytes, so the header can be trusted.
      if (declared !== null && Number(declared) > maxBodyBytes) {
        endResponse(tooLarge(maxBodyBytes));
        return;
      }
      // A body of unknown length (chunked) is read here, bounded; so is a form, to check its parameters.
      if (declared !== null && !isForm(request)) return;
      return readAtMost(request.body, maxBodyBytes).then((body) => {
        if (body === null) {
          endResponse(tooLarge(maxBodyBytes));
          return;
        }
        if (isForm(request)) {
          const problem = paramsProblem(new URLSearchParams(new TextDecoder().decode(body)));
          if (problem) {
            endResponse(badParams(problem));
            return;
          }
        }
        setRequest(
          new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body }),
        );
      });
    },
    onResponse({ response, setResponse }) {
      // Only yoga's own 415 (no body, no content type): ours (a compressed body, say) already says why.
      if (response.status === 415 && !response.headers.has('content-type')) {
        setResponse(
          json(
            415,
            'Unsupported content type: POST a JSON body with "Content-Type: application/json" ({"query": "…", "variables": {…}}), or use GET with ?query=…',
            'UNSUPPORTED_MEDIA_TYPE',
          ),
        );
      } else if (response.status === 406) {
        setResponse(
          json(
            406,
            'Cannot answer in any type the Accept header allows: accept application/graphql-response+json or application/json.',
            'NOT_ACCEPTABLE',
            {
              accept: response.headers.get('accept') ?? 'application/graphql-response+json, application/json',
            },
          ),
        );
      }
    },
  };
}
