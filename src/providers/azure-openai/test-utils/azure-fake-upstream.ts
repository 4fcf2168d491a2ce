import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { createRequestId } from '../../openai/test-utils/openai-fake-bodies.js';
import { answerFakeEmbeddings } from '../../openai/test-utils/openai-fake-embeddings.js';
import { sendJson, type ResponseContext } from '../../openai/test-utils/openai-fake-responses.js';
import { fakeRequestSchema } from '../../openai/test-utils/openai-fake-scenarios.js';
import { startFakeServer, type FakeUpstream } from '../../test-utils/fake-server.js';
import { accessDenied, answerAzureScenario, sendAzureError } from './azure-fake-scenarios.js';

/** Options of {@link startAzureOpenAIFakeUpstream}. */
export type AzureOpenAIFakeUpstreamOptions = {
  /** When set, requests must carry `api-key: <apiKey>` (or the bearer `token`); others get a 401. */
  readonly apiKey?: string;
  /** When set, `Authorization: Bearer <token>` is accepted too (Entra ID). */
  readonly token?: string;
  /** When set, only these deployments exist; others get Azure's 404 `DeploymentNotFound`. */
  readonly deployments?: ReadonlyArray<string>;
};

/** A running fake; point a client's base URL at {@link baseURL}. */
export type AzureOpenAIFakeUpstream = FakeUpstream & {
  /** `origin` plus `/openai`, like `https://{resource}.openai.azure.com/openai`. */
  readonly baseURL: string;
};

/** api-versions the fake accepts: the GA and recent preview versions of the dated API. */
const knownApiVersions = new Set([
  '2024-06-01', '2024-10-21', '2024-12-01-preview', '2025-01-01-preview', '2025-03-01-preview',
  '2025-04-01-preview', 'preview', 'latest',
]); // prettier-ignore

const deploymentPath = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/;
/** `/openai/deployments/{deployment}/embeddings`, or `/openai/v1/embeddings` (model in the body). */
const embeddingsPath = /^\/openai\/(?:deployments\/([^/]+)|v1)\/embeddings$/;

/**
 * Starts a fake Azure OpenAI resource on 127.0.0.1 serving
 * `POST /openai/deployments/{deployment}/chat/completions?api-version=...` and the v1
 * `POST /openai/v1/chat/completions`. It checks the `api-key` header (or Entra bearer token), the
 * api-version and the deployment like Azure does, then answers per the `[[scenario:NAME]]` or
 * `[[azure:NAME]]` directive: recorded Azure streams byte for byte, errors in Azure's shape.
 */
export async function startAzureOpenAIFakeUpstream(
  options: AzureOpenAIFakeUpstreamOptions = {},
): Promise<AzureOpenAIFakeUpstream> {
  const upstream = await startFakeServer(({ request, response, socket }) => {
    const context: ResponseContext = { response, requestId: createRequestId() };
    const url = new URL(request.url, 'http://fake');
    const embeddingsMatch = embeddingsPath.exec(url.pathname);
    if (request.method === 'POST' && embeddingsMatch !== null) {
      if (!isAuthorized({ headers: request.headers, options })) {
        sendAzureError({ context, status: 401, error: accessDenied });
        return;
      }
      const deploymentName = embeddingsMatch[1];
      const model = deploymentName === undefined ? undefined : decodeURIComponent(deploymentName);
      const reply = answerFakeEmbeddings({ body: request.body, ...(model ? { model } : {}) });
      sendJson({ context, status: reply.status, body: JSON.stringify(reply.body) });
      return;
    }
    const deployment = deploymentPath.exec(url.pathname)?.[1];
    const isV1 = url.pathname === '/openai/v1/chat/completions';
    if (request.method !== 'POST' || (deployment === undefined && !isV1)) {
      sendAzureError({
        context,
        status: 404,
        error: { code: '404', message: 'Resource not found' },
      });
      return;
    }
    if (!isAuthorized({ headers: request.headers, options })) {
      sendAzureError({ context, status: 401, error: accessDenied });
      return;
    }
    const apiVersion = url.searchParams.get('api-version');
    if (!isV1 && apiVersion === null) {
      sendAzureError({
        context,
        status: 404,
        error: { code: '404', message: 'Resource not found' },
      });
      return;
    }
    if (apiVersion !== null && !knownApiVersions.has(apiVersion)) {
      sendAzureError({
        context,
        status: 400,
        error: { code: 'BadRequest', message: 'API version not supported' },
      });
      return;
    }
    const raw = parseJsonOrUndefined(request.body);
    const parsed = fakeRequestSchema.safeParse(raw);
    const name = deployment === undefined ? parsed.data?.model : decodeURIComponent(deployment);
    if (name !== undefined && options.deployments && !options.deployments.includes(name)) {
      sendAzureError({
        context,
        status: 404,
        error: {
          code: 'DeploymentNotFound',
          message:
            'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
        },
      });
      return;
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendAzureError({
        context,
        status: 400,
        error: {
          message: `Invalid value for '${issue?.path.join('.') ?? ''}': ${issue?.message ?? 'invalid'}.`,
          type: 'invalid_request_error',
          param: issue?.path.join('.') ?? null,
          code: 'invalid_value',
        },
      });
      return;
    }
    answerAzureScenario({ context, request: parsed.data, body: request.body, socket });
  });
  return { ...upstream, baseURL: `${upstream.origin}/openai` };
}

function isAuthorized({
  headers,
  options,
}: {
  headers: Record<string, string | string[] | undefined>;
  options: AzureOpenAIFakeUpstreamOptions;
}): boolean {
  if (options.apiKey === undefined && options.token === undefined) return true;
  if (options.apiKey !== undefined && headers['api-key'] === options.apiKey) return true;
  return options.token !== undefined && headers.authorization === `Bearer ${options.token}`;
}
