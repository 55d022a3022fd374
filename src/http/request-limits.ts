/**
 * What a request must look like before anything reads it: a body of at most `maxBodyBytes` (413
 * otherwise, before a byte is parsed), and an answer in JSON for every refusal — yoga leaves the
 * bodies of 415 and 406 empty, which tells a client nothing.
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

export function useRequestLimits(maxBodyBytes: number): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (!request.body) return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        // Node's HTTP parser reads exactly Content-Length bytes, so the header can be trusted.
        if (Number(declared) > maxBodyBytes) endResponse(tooLarge(maxBodyBytes));
        return;
      }
      const body = await readAtMost(request.body, maxBodyBytes);
      if (body === null) {
        endResponse(tooLarge(maxBodyBytes));
        return;
      }
      setRequest(
        new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body }),
      );
    },
    onResponse({ response, setResponse }) {
      if (response.status === 415) {
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
