import { z } from 'zod';
import { modelCatalogueOverrideSchema } from '../routing/catalogue/model-catalogue-entry.js';
import { checkUpstreamUrl } from './check-upstream-url.js';
import { catalogueConfigSchema, routeConfigSchema } from './route-config-schema.js';

/** Provider instance ids: lower-case, used in URLs, logs and `provider/model` names. */
const providerIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    'use lower-case letters, digits, "-" and "_" (e.g. "openai", "local-ollama")',
  );

const urlSchema = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'must be an absolute http:// or https:// URL, e.g. "https://api.openai.com/v1"',
  });

const timeoutsSchema = z.strictObject({
  /** Opening a connection, in ms. */
  connectMs: z.int().positive().default(10_000),
  /** Waiting for response headers (time to first byte), in ms. */
  firstByteMs: z.int().positive().default(120_000),
  /** Longest gap between two chunks of a response body, in ms. */
  idleMs: z.int().positive().default(60_000),
});

const commonProviderFields = {
  /** Extra headers sent on every upstream call. */
  headers: z.record(z.string(), z.string()).optional(),
  timeouts: timeoutsSchema.prefault({}),
};

const openAIProviderSchema = z.strictObject({
  type: z.literal('openai'),
  apiKey: z.string().min(1).optional(),
  baseURL: urlSchema.optional(),
  organization: z.string().optional(),
  project: z.string().optional(),
  ...commonProviderFields,
});

const anthropicProviderSchema = z.strictObject({
  type: z.literal('anthropic'),
  apiKey: z.string().min(1).optional(),
  baseURL: urlSchema.optional(),
  /** Used when a request gives no output-token limit (Anthropic requires one). */
  defaultMaxOutputTokens: z.int().positive().default(4096),
  ...commonProviderFields,
});

export const OPENAI_COMPATIBLE_FLAVORS = [
  'generic',
  'vllm',
  'ollama',
  'llamacpp',
  'together',
  'groq',
  'deepseek',
  'openrouter',
] as const;

const openAICompatibleProviderSchema = z.strictObject({
  type: z.literal('openai-compatible'),
  /** Which server it is; selects the default base URL and known quirks. */
  flavor: z.enum(OPENAI_COMPATIBLE_FLAVORS).default('generic'),
  baseURL: urlSchema.optional(),
  apiKey: z.string().min(1).optional(),
  ...commonProviderFields,
});

const googleProviderSchema = z.strictObject({
  type: z.literal('google'),
  /** Sent as `x-goog-api-key`; usually `${GEMINI_API_KEY}` or `${GOOGLE_GENERATIVE_AI_API_KEY}`. */
  apiKey: z.string().min(1).optional(),
  baseURL: urlSchema.optional(),
  ...commonProviderFields,
});

const azureOpenAIProviderSchema = z
  .strictObject({
    type: z.literal('azure-openai'),
    /** `https://{resourceName}.openai.azure.com/openai`; or give `baseURL`. */
    resourceName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'the Azure OpenAI resource name, e.g. "contoso-openai"')
      .optional(),
    baseURL: urlSchema.optional(),
    /** Query `api-version` of the dated deployment API. */
    apiVersion: z.string().min(1).optional(),
    /** Use the v1 path style (`{base}/v1/chat/completions` with `model`). */
    useV1Api: z.boolean().default(false),
    /** Sent as `api-key`; usually `${AZURE_OPENAI_API_KEY}`. */
    apiKey: z.string().min(1).optional(),
    /** A Microsoft Entra ID bearer token, the alternative to `apiKey`. */
    token: z.string().min(1).optional(),
    ...commonProviderFields,
  })
  .refine(
    (provider) => (provider.resourceName === undefined) !== (provider.baseURL === undefined),
    {
      message: 'give exactly one of resourceName and baseURL',
      path: ['resourceName'],
    },
  )
  .refine((provider) => (provider.apiKey === undefined) !== (provider.token === undefined), {
    message: 'give exactly one of apiKey (e.g. "${AZURE_OPENAI_API_KEY}") and token',
    path: ['apiKey'],
  });

const mistralProviderSchema = z.strictObject({
  type: z.literal('mistral'),
  /** Usually `${MISTRAL_API_KEY}`. */
  apiKey: z.string().min(1).optional(),
  baseURL: urlSchema.optional(),
  ...commonProviderFields,
});

const awsRegionSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)+$/, 'an AWS region such as "us-east-1"');

const amazonBedrockProviderSchema = z
  .strictObject({
    type: z.literal('amazon-bedrock'),
    /** Default region of the models; falls back to AWS_REGION / AWS_DEFAULT_REGION. */
    region: awsRegionSchema.optional(),
    /** Per-model regions, keyed by the vendor model id. */
    regionByModel: z.record(z.string(), awsRegionSchema).optional(),
    /** A Bedrock API key (bearer); the alternative to SigV4 credentials. */
    apiKey: z.string().min(1).optional(),
    /** Static SigV4 credentials; when absent, the standard AWS environment variables or the shared credentials file are used. */
    accessKeyId: z.string().min(1).optional(),
    secretAccessKey: z.string().min(1).optional(),
    sessionToken: z.string().min(1).optional(),
    baseURL: urlSchema.optional(),
    ...commonProviderFields,
  })
  .refine(
    (provider) => (provider.accessKeyId === undefined) === (provider.secretAccessKey === undefined),
    {
      message:
        'give accessKeyId and secretAccessKey together (or neither, to use the AWS environment or shared credentials file)',
      path: ['secretAccessKey'],
    },
  );

const simulatedProviderSchema = z.strictObject({
  type: z.literal('simulated'),
  /** Delay before the first token, in ms. */
  latencyMs: z.number().min(0).default(0),
  /** Streaming speed; 0 sends every token at once. */
  tokensPerSecond: z.number().min(0).default(0),
  /** Length of generated answers, in tokens. */
  outputTokens: z.int().positive().default(24),
  /** Share of calls that fail with a simulated 503, from 0 to 1. */
  failureRate: z.number().min(0).max(1).default(0),
  /** Seed of the failure draw, so fault tests repeat. */
  seed: z.int().default(1),
  /** Answer recorded prompts with a routing outcome dataset's recorded responses (docs/configuration.md). */
  replay: z
    .strictObject({
      /** Dataset folder holding `outcomes.jsonl` (FORMAT.md); relative paths are resolved from the working directory. */
      data: z.string().min(1),
      /** Replay only this split; both when absent. */
      split: z.enum(['train', 'test']).optional(),
      /** Factor applied to recorded `latencyMs`; 0 answers at once. */
      latencyScale: z.number().min(0).default(0),
      /** What an unrecorded prompt gets: the simulated answer, or a 400 error. */
      onMissing: z.enum(['simulate', 'fail']).default('simulate'),
    })
    .optional(),
});

export const providerConfigSchema = z.discriminatedUnion('type', [
  openAIProviderSchema,
  anthropicProviderSchema,
  openAICompatibleProviderSchema,
  googleProviderSchema,
  amazonBedrockProviderSchema,
  azureOpenAIProviderSchema,
  mistralProviderSchema,
  simulatedProviderSchema,
]);

const modelConfigSchema = z.strictObject({
  /** The name clients use in `model`. */
  id: z.string().min(1),
  /** A key of `providers`. */
  provider: providerIdSchema,
  /** The vendor's own model name; defaults to `id`. */
  model: z.string().min(1).optional(),
  /** Other names clients may use for this model. */
  aliases: z.array(z.string().min(1)).default([]),
  /** What the model serves: `chat` (chat, responses, messages) or `embedding` (`/v1/embeddings`). */
  kind: z.enum(['chat', 'embedding']).default('chat'),
  /** Model ids tried in order when this model fails with a retryable error (before any byte reaches the client). */
  fallbacks: z.array(z.string().min(1)).default([]),
  /** Prices, capabilities, region, tags or `isHouse` of this model, over its catalogue entry. */
  catalogue: modelCatalogueOverrideSchema.optional(),
});

const apiKeyConfigSchema = z.strictObject({
  /** Stable id recorded in logs instead of the key. */
  id: z.string().min(1),
  /** The secret; use a ${ENV_VAR} reference. */
  key: z.string().min(16, 'use at least 16 characters'),
  /** The team the key belongs to, for routing rules (and later budgets). */
  team: z.string().min(1).optional(),
});

export const gatewayConfigSchema = z
  .strictObject({
    server: z
      .strictObject({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.int().min(0).max(65_535).default(4141),
        /** Largest accepted request body, in bytes (413 above it). */
        bodyLimitBytes: z
          .int()
          .positive()
          .default(10 * 1024 * 1024),
        logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
      })
      .prefault({}),
    /** Where the SQLite database and other state live. */
    dataDir: z.string().min(1).default('.switchyard'),
    requestLog: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Store prompt and answer text with each request (off by default). */
        storeContent: z.boolean().default(false),
        /** Cap on stored content per request, in bytes. */
        maxContentBytes: z
          .int()
          .positive()
          .default(64 * 1024),
      })
      .prefault({}),
    auth: z
      .strictObject({
        /** Gateway API keys; when empty the gateway accepts every request. */
        keys: z.array(apiKeyConfigSchema).default([]),
      })
      .prefault({}),
    /** Retries of a failing target and fallbacks to the next. */
    retries: z
      .strictObject({
        maxRetriesPerTarget: z.int().min(0).max(5).default(1),
        initialDelayMs: z.int().min(0).default(250),
        maxDelayMs: z.int().min(0).default(4_000),
        /** A vendor's `retry-after` longer than this moves on to the next target instead of waiting. */
        maxRetryAfterMs: z.int().min(0).default(10_000),
        /** Consecutive failures after which a deployment is skipped while it has fallbacks; 0 disables. */
        circuitFailureThreshold: z.int().min(0).default(5),
        /** How long a deployment with an open circuit is skipped, in ms. */
        circuitCooldownMs: z.int().min(0).default(30_000),
        /**
         * Total time for a request across every retry and fallback, in ms: until the answer for
         * non-streamed calls, until the stream starts for streamed ones. 504 when it passes.
         */
        deadlineMs: z.int().positive().default(300_000),
      })
      .prefault({}),
    providers: z.record(providerIdSchema, providerConfigSchema).default({}),
    models: z.array(modelConfigSchema).default([]),
    /** Prices and capabilities beyond the built-in table. */
    catalogue: catalogueConfigSchema,
    security: z
      .strictObject({
        /**
         * Upstream hosts allowed although private, link-local, a cloud metadata endpoint, or
         * reached over plain http:// (loopback needs no entry).
         */
        allowedHosts: z.array(z.string().min(1)).default([]),
      })
      .prefault({}),
    /** Virtual model names with a routing strategy; `auto` is added when absent. */
    routes: z.array(routeConfigSchema).default([]),
  })
  .superRefine((config, context) => {
    const names = new Map<string, string>();
    config.models.forEach((model, index) => {
      if (!(model.provider in config.providers)) {
        const known = Object.keys(config.providers);
        context.addIssue({
          code: 'custom',
          path: ['models', index, 'provider'],
          message: `unknown provider '${model.provider}'; define it under providers (known: ${known.length ? known.join(', ') : 'none'})`,
        });
      }
      for (const [nameIndex, name] of [model.id, ...model.aliases].entries()) {
        const path =
          nameIndex === 0 ? ['models', index, 'id'] : ['models', index, 'aliases', nameIndex - 1];
        if (name === 'auto' || name.startsWith('auto-')) {
          context.addIssue({
            code: 'custom',
            path,
            message: `'${name}' is reserved for routes; choose another name`,
          });
        }
        const previous = names.get(name);
        if (previous !== undefined) {
          context.addIssue({
            code: 'custom',
            path,
            message: `'${name}' is already used by ${previous}; model ids and aliases must be unique`,
          });
        }
        names.set(name, `models[${index}]`);
      }
    });
    const kindById = new Map(config.models.map((model) => [model.id, model.kind]));
    config.models.forEach((model, index) => {
      model.fallbacks.forEach((fallback, fallbackIndex) => {
        const path = ['models', index, 'fallbacks', fallbackIndex];
        const kind = kindById.get(fallback);
        if (kind === undefined) {
          context.addIssue({
            code: 'custom',
            path,
            message: `unknown model id '${fallback}'; fallbacks name other entries' ids`,
          });
        } else if (kind !== model.kind || fallback === model.id) {
          context.addIssue({
            code: 'custom',
            path,
            message: `'${fallback}' cannot be a fallback of '${model.id}' (it is the same model or a different kind)`,
          });
        }
      });
    });
    for (const [id, provider] of Object.entries(config.providers)) {
      const baseURL = 'baseURL' in provider ? provider.baseURL : undefined;
      const problem =
        baseURL === undefined
          ? undefined
          : checkUpstreamUrl({ url: baseURL, allowedHosts: config.security.allowedHosts });
      if (problem !== undefined) {
        context.addIssue({ code: 'custom', path: ['providers', id, 'baseURL'], message: problem });
      }
      const needsKey =
        provider.type === 'openai' || provider.type === 'anthropic' || provider.type === 'google';
      const headerNames = Object.keys(
        provider.type === 'simulated' ? {} : (provider.headers ?? {}),
      ).map((name) => name.toLowerCase());
      const hasHeaderKey = headerNames.some(
        (name) => name === 'authorization' || name === 'x-api-key' || name === 'x-goog-api-key',
      );
      if (needsKey && provider.apiKey === undefined && !hasHeaderKey) {
        const variable = {
          openai: 'OPENAI_API_KEY',
          anthropic: 'ANTHROPIC_API_KEY',
          google: 'GEMINI_API_KEY',
        }[provider.type];
        context.addIssue({
          code: 'custom',
          path: ['providers', id, 'apiKey'],
          message: `provider '${id}' (${provider.type}) needs an API key; add apiKey: "\${${variable}}" and set that variable`,
        });
      }
    }
    checkRoutes({ config, context, names });
    const keyIds = new Set<string>();
    config.auth.keys.forEach((key, index) => {
      if (keyIds.has(key.id)) {
        context.addIssue({
          code: 'custom',
          path: ['auth', 'keys', index, 'id'],
          message: `duplicate key id '${key.id}'`,
        });
      }
      keyIds.add(key.id);
    });
  });

type ParsedConfig = {
  models: ReadonlyArray<{ id: string; kind: 'chat' | 'embedding' }>;
  routes: ReadonlyArray<z.output<typeof routeConfigSchema>>;
};

/** Route names are unique and unlike model names; every model a route names is a chat model. */
function checkRoutes({
  config,
  context,
  names,
}: {
  config: ParsedConfig;
  context: z.RefinementCtx;
  names: ReadonlyMap<string, string>;
}): void {
  const kindById = new Map(config.models.map((model) => [model.id, model.kind]));
  const chatIds = config.models.filter((model) => model.kind === 'chat').map((model) => model.id);
  const routeNames = new Map<string, number>();
  config.routes.forEach((route, index) => {
    const previousModel = names.get(route.name);
    if (previousModel !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['routes', index, 'name'],
        message: `'${route.name}' is already a model name (${previousModel}); a route needs its own name`,
      });
    }
    const previousRoute = routeNames.get(route.name);
    if (previousRoute !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['routes', index, 'name'],
        message: `'${route.name}' is already the name of routes[${previousRoute}]`,
      });
    }
    routeNames.set(route.name, index);
    const checkIds = (ids: ReadonlyArray<string>, path: ReadonlyArray<string | number>) => {
      ids.forEach((id, idIndex) => {
        const kind = kindById.get(id);
        if (kind === 'chat') return;
        context.addIssue({
          code: 'custom',
          path: ['routes', index, ...path, idIndex],
          message:
            kind === 'embedding'
              ? `'${id}' is an embedding model; routes choose among chat models`
              : `unknown model id '${id}'; routes name models[].id entries (chat models: ${chatIds.join(', ') || 'none'})`,
        });
      });
    };
    if (route.candidates) checkIds(route.candidates, ['candidates']);
    switch (route.strategy) {
      case 'rules':
        route.rules.forEach((rule, ruleIndex) =>
          checkIds(rule.models, ['rules', ruleIndex, 'models']),
        );
        if (route.default) checkIds(route.default, ['default']);
        break;
      case 'cascade':
        checkIds(route.models, ['models']);
        if (route.checks.includes('verifier') && route.verifier === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['routes', index, 'verifier'],
            message: "the 'verifier' check needs verifier: { pattern, minCharacters }",
          });
        }
        break;
      case 'weighted':
        for (const id of Object.keys(route.weights)) checkIds([id], ['weights']);
        break;
      case 'cost-quality':
        for (const id of Object.keys(route.qualityPriors)) checkIds([id], ['qualityPriors']);
        break;
      case 'learned':
        checkIds(Object.values(route.modelMap), ['modelMap']);
        break;
      case 'least-latency':
        break;
    }
  });
}

/** The validated, frozen gateway configuration. */
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
export type ProviderConfig = z.output<typeof providerConfigSchema>;
export type ModelConfig = GatewayConfig['models'][number];
export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type { CatalogueConfig, RouteConfig, RouteStrategy } from './route-config-schema.js';
