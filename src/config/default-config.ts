import type { GatewayConfigInput } from './config-schema.js';

/** What `detectProviders` found, for the start-up log. */
export type DetectedDefaults = {
  readonly config: GatewayConfigInput;
  /** One line per provider found, or the simulated fallback. */
  readonly notes: ReadonlyArray<string>;
  readonly isSimulated: boolean;
};

/** Models registered when OPENAI_API_KEY is set and no config file is given. */
export const DEFAULT_OPENAI_MODELS = [
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4o',
  'gpt-4o-mini',
  'o4-mini',
];
/** Models registered when ANTHROPIC_API_KEY is set and no config file is given. */
export const DEFAULT_ANTHROPIC_MODELS = [
  'claude-opus-4-1',
  'claude-sonnet-4-5',
  'claude-haiku-4-5',
  'claude-3-5-haiku-latest',
];
/** Models registered when GEMINI_API_KEY or GOOGLE_GENERATIVE_AI_API_KEY is set and no config file is given. */
export const DEFAULT_GOOGLE_MODELS = [
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
];

/** Lists the models of a local Ollama server, or undefined when none answers. */
export type OllamaProbe = (baseURL: string) => Promise<ReadonlyArray<string> | undefined>;

/**
 * Builds the configuration used when no config file is given: providers from the standard
 * environment variables and a local Ollama at its default address; simulated models when none.
 */
export async function detectDefaultConfig({
  env,
  probeOllama,
}: {
  env: NodeJS.ProcessEnv;
  probeOllama: OllamaProbe;
}): Promise<DetectedDefaults> {
  const providers: NonNullable<GatewayConfigInput['providers']> = {};
  const models: NonNullable<GatewayConfigInput['models']> = [];
  const notes: string[] = [];
  if (env.OPENAI_API_KEY) {
    providers.openai = {
      type: 'openai',
      apiKey: '${OPENAI_API_KEY}',
      ...(env.OPENAI_BASE_URL ? { baseURL: '${OPENAI_BASE_URL}' } : {}),
    };
    for (const id of DEFAULT_OPENAI_MODELS) models.push({ id, provider: 'openai' });
    notes.push(`openai: from OPENAI_API_KEY (${DEFAULT_OPENAI_MODELS.length} models)`);
  }
  if (env.ANTHROPIC_API_KEY) {
    providers.anthropic = {
      type: 'anthropic',
      apiKey: '${ANTHROPIC_API_KEY}',
      ...(env.ANTHROPIC_BASE_URL ? { baseURL: '${ANTHROPIC_BASE_URL}' } : {}),
    };
    for (const id of DEFAULT_ANTHROPIC_MODELS) models.push({ id, provider: 'anthropic' });
    notes.push(`anthropic: from ANTHROPIC_API_KEY (${DEFAULT_ANTHROPIC_MODELS.length} models)`);
  }
  const googleKeyVariable = env.GEMINI_API_KEY
    ? 'GEMINI_API_KEY'
    : env.GOOGLE_GENERATIVE_AI_API_KEY
      ? 'GOOGLE_GENERATIVE_AI_API_KEY'
      : undefined;
  if (googleKeyVariable) {
    providers.google = { type: 'google', apiKey: `\${${googleKeyVariable}}` };
    for (const id of DEFAULT_GOOGLE_MODELS) models.push({ id, provider: 'google' });
    notes.push(`google: from ${googleKeyVariable} (${DEFAULT_GOOGLE_MODELS.length} models)`);
  }
  const ollamaOrigin = normaliseOllamaHost(env.OLLAMA_HOST);
  const ollamaModels = await probeOllama(ollamaOrigin);
  if (ollamaModels !== undefined) {
    providers.ollama = {
      type: 'openai-compatible',
      flavor: 'ollama',
      baseURL: `${ollamaOrigin}/v1`,
    };
    const taken = new Set(models.map((model) => model.id));
    for (const name of ollamaModels) {
      if (!taken.has(name))
        models.push({ id: name, provider: 'ollama', catalogue: LOCAL_MODEL_ENTRY });
    }
    notes.push(`ollama: at ${ollamaOrigin} (${ollamaModels.length} models)`);
  }
  const isSimulated = Object.keys(providers).length === 0;
  if (isSimulated) {
    providers.simulated = { type: 'simulated', latencyMs: 150, tokensPerSecond: 80 };
    models.push(
      { id: 'simulated-small', provider: 'simulated', catalogue: SIMULATED_SMALL_ENTRY },
      { id: 'simulated-large', provider: 'simulated', catalogue: SIMULATED_LARGE_ENTRY },
    );
    notes.push(
      'no provider found (no OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY, no Ollama): serving SIMULATED models whose answers are generated locally, not by any AI model',
    );
  }
  // Base URLs the operator set in the environment are theirs to choose: allow their hosts, so a
  // LAN Ollama or an http:// proxy is not refused by the upstream URL check.
  const allowedHosts = [
    env.OPENAI_BASE_URL,
    env.ANTHROPIC_BASE_URL,
    ollamaModels === undefined ? undefined : ollamaOrigin,
  ].flatMap((url) =>
    url && URL.canParse(url) ? [new URL(url).hostname.replace(/^\[|\]$/g, '')] : [],
  );
  return {
    config: {
      providers,
      models,
      ...(allowedHosts.length > 0
        ? { security: { allowedHosts: [...new Set(allowedHosts)] } }
        : {}),
    },
    notes,
    isSimulated,
  };
}

/** What routing assumes of a local Ollama model: free, tools and JSON, no images. */
const LOCAL_MODEL_ENTRY = {
  vendor: 'local',
  contextWindowTokens: 32_768,
  maxOutputTokens: 8_192,
  supportsTools: true,
  supportsVision: false,
  supportsJsonSchema: true,
  supportsReasoning: false,
  inputUsdPerMillionTokens: 0,
  outputUsdPerMillionTokens: 0,
  tags: ['local', 'open-weights'],
  isHouse: false,
};

/** The simulated pair is priced like a small and a flagship model, so `auto` has a choice to make. */
const SIMULATED_SMALL_ENTRY = {
  vendor: 'switchyard-simulated',
  contextWindowTokens: 128_000,
  maxOutputTokens: 16_384,
  supportsTools: true,
  supportsVision: true,
  supportsJsonSchema: true,
  supportsReasoning: false,
  inputUsdPerMillionTokens: 0.15,
  outputUsdPerMillionTokens: 0.6,
  tags: ['simulated', 'small'],
  isHouse: false,
};

const SIMULATED_LARGE_ENTRY = {
  ...SIMULATED_SMALL_ENTRY,
  contextWindowTokens: 200_000,
  maxOutputTokens: 32_000,
  supportsReasoning: true,
  inputUsdPerMillionTokens: 3,
  outputUsdPerMillionTokens: 15,
  tags: ['simulated', 'flagship'],
};

function normaliseOllamaHost(host: string | undefined): string {
  if (!host) return 'http://127.0.0.1:11434';
  const withScheme = /^https?:\/\//.test(host) ? host : `http://${host}`;
  return withScheme.replace(/\/+$/, '');
}
