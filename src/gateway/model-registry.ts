import { ConfigError, type GatewayConfig, type ModelConfig } from '../config/index.js';
import {
  InvalidRequestError,
  ModelNotFoundError,
  type EmbeddingModel,
  type LanguageModel,
  type ProviderV1,
} from '../spec/index.js';

/** What a configured model serves: chat (all chat surfaces) or embeddings. */
export type ModelKind = ModelConfig['kind'];

/**
 * What the stages may read about a target: which configured model serves the request, at which
 * provider and under which vendor name; never the callable model. `kind` says which path the
 * request is on, `chat` (the chat surfaces) or `embedding` (`POST /v1/embeddings`); the shared
 * stages run on both, so a stage that must treat them apart (a ledger pricing embeddings by input
 * tokens only, a policy allowing a team embeddings only) reads `kind`.
 */
export type TargetInfo = {
  readonly kind: ModelKind;
  /** The configured model id (what `/v1/models` lists). */
  readonly modelId: string;
  readonly providerId: string;
  readonly providerType: string;
  /** The vendor's model name. */
  readonly vendorModel: string;
  /** Config path of the model entry, for explanations and audit. */
  readonly configPath: string;
};

/** A configured chat model ready to call. */
export type ResolvedTarget = TargetInfo & {
  readonly kind: 'chat';
  readonly model: LanguageModel;
};

/** A configured embedding model ready to call. */
export type ResolvedEmbeddingTarget = TargetInfo & {
  readonly kind: 'embedding';
  readonly embeddingModel: EmbeddingModel;
};

/**
 * Whether a target the stages chose is a chat target the chat path can call: a target info that
 * came from {@link ModelRegistry.resolve} (or a copy of one).
 */
export function isChatTarget(target: TargetInfo): target is ResolvedTarget {
  return target.kind === 'chat' && 'model' in target;
}

/** A model as listed by `/v1/models`. */
export type ListedModel = {
  readonly id: string;
  readonly kind: ModelKind;
  readonly providerId: string;
  readonly providerType: string;
  readonly vendorModel: string;
  readonly aliases: ReadonlyArray<string>;
};

/** Names reserved for routes: models may not use them. */
export function isRouteName(name: string): boolean {
  return name === 'auto' || name.startsWith('auto-');
}

/** Most client-chosen `<provider>/<model>` names cached, so they cannot grow memory without limit. */
const MAX_CACHED_NAMES = 10_000;

/**
 * Resolves the `model` a client sends to a configured target: a model id, an alias, or
 * `<provider>/<vendor model>` for any model of a configured provider. Chat and embedding models
 * live in separate maps; asking one kind for the other says so. Lookups are one map read.
 */
export class ModelRegistry {
  private readonly byName = new Map<string, ResolvedTarget>();
  private readonly fallbacksById = new Map<string, ReadonlyArray<ResolvedTarget>>();
  private readonly embeddingByName = new Map<string, ResolvedEmbeddingTarget>();
  private readonly listed: ListedModel[] = [];
  private readonly providers: ReadonlyMap<string, ProviderV1>;
  private readonly routeNames: ReadonlyArray<string>;

  constructor({
    config,
    providers,
  }: {
    config: GatewayConfig;
    providers: ReadonlyMap<string, ProviderV1>;
  }) {
    this.providers = providers;
    const routeNames = config.routes.map((route) => route.name);
    this.routeNames = routeNames.includes('auto') ? routeNames : ['auto', ...routeNames];
    config.models.forEach((entry, index) => {
      const provider = providers.get(entry.provider);
      if (!provider)
        throw new Error(`models[${index}]: provider '${entry.provider}' was not created`);
      const vendorModel = entry.model ?? entry.id;
      const configPath = `models[${index}]`;
      const identity = {
        modelId: entry.id,
        providerId: provider.id,
        providerType: provider.type,
        vendorModel,
        configPath,
      };
      if (entry.kind === 'embedding') {
        const embeddingModel = createConfiguredEmbeddingModel({
          provider,
          vendorModel,
          configPath,
        });
        const target: ResolvedEmbeddingTarget = { ...identity, kind: 'embedding', embeddingModel };
        for (const name of [entry.id, ...entry.aliases]) this.embeddingByName.set(name, target);
      } else {
        const target: ResolvedTarget = {
          ...identity,
          kind: 'chat',
          model: provider.languageModel(vendorModel),
        };
        for (const name of [entry.id, ...entry.aliases]) this.byName.set(name, target);
      }
      this.listed.push({
        id: entry.id,
        kind: entry.kind,
        providerId: provider.id,
        providerType: provider.type,
        vendorModel,
        aliases: entry.aliases,
      });
    });
    for (const entry of config.models) {
      if (entry.kind !== 'chat' || entry.fallbacks.length === 0) continue;
      // Validated by the config schema: every fallback is another chat model's id.
      const fallbacks = entry.fallbacks.flatMap((id) => {
        const target = this.byName.get(id);
        return target ? [target] : [];
      });
      this.fallbacksById.set(entry.id, fallbacks);
    }
  }

  /** The ordered fallbacks configured for a chat model (empty when none). */
  fallbacksOf(modelId: string): ReadonlyArray<ResolvedTarget> {
    return this.fallbacksById.get(modelId) ?? [];
  }

  /** Route names clients may ask for (`auto` first unless configured elsewhere). */
  listRoutes(): ReadonlyArray<string> {
    return this.routeNames;
  }

  /** The configured models of both kinds, in config order. */
  list(): ReadonlyArray<ListedModel> {
    return this.listed;
  }

  /** Resolves a client's chat model name; throws saying what names exist. */
  resolve(name: string): ResolvedTarget {
    const found = this.byName.get(name);
    if (found) return found;
    const passthrough = this.resolvePassthrough(name);
    if (passthrough) return passthrough;
    if (this.embeddingByName.has(name)) {
      throw new InvalidRequestError({
        message: `The model '${name}' is an embedding model; it serves POST /v1/embeddings only. Ask for a chat model instead: ${this.describeNames('chat')}.`,
        param: 'model',
      });
    }
    const routes = this.routeNames.map((route) => `'${route}'`).join(', ');
    if (isRouteName(name)) {
      throw new ModelNotFoundError({
        message: `There is no route named '${name}'. Routes: ${routes}; models: ${this.describeNames('chat')}. Define it under routes in the config.`,
        param: 'model',
      });
    }
    throw new ModelNotFoundError({
      message: `The model '${name}' is not configured. Available: ${this.describeNames('chat')}; routes: ${routes}. Add it under models in the config, or use '<provider>/<vendor model>'.`,
      param: 'model',
    });
  }

  /** Resolves a client's embedding model name; throws saying which embedding models exist. */
  resolveEmbedding(name: string): ResolvedEmbeddingTarget {
    const found = this.embeddingByName.get(name);
    if (found) return found;
    const passthrough = this.resolveEmbeddingPassthrough(name);
    if (passthrough) return passthrough;
    if (this.byName.has(name)) {
      throw new InvalidRequestError({
        message: `The model '${name}' is a chat model and cannot create embeddings. Ask for an embedding model instead: ${this.describeNames('embedding')}. Configure one with kind: embedding under models.`,
        param: 'model',
      });
    }
    throw new ModelNotFoundError({
      message: `The embedding model '${name}' is not configured. Embedding models: ${this.describeNames('embedding')}. Add one under models with kind: embedding, or use '<provider>/<vendor model>'.`,
      param: 'model',
    });
  }

  private resolvePassthrough(name: string): ResolvedTarget | undefined {
    const parts = this.splitPassthrough(name);
    if (!parts) return undefined;
    const { provider, vendorModel } = parts;
    const target: ResolvedTarget = {
      kind: 'chat',
      modelId: name,
      providerId: provider.id,
      providerType: provider.type,
      vendorModel,
      model: provider.languageModel(vendorModel),
      configPath: `providers.${provider.id}`,
    };
    if (this.byName.size < MAX_CACHED_NAMES) this.byName.set(name, target);
    return target;
  }

  private resolveEmbeddingPassthrough(name: string): ResolvedEmbeddingTarget | undefined {
    const parts = this.splitPassthrough(name);
    const createEmbeddingModel = parts?.provider.embeddingModel?.bind(parts.provider);
    if (!parts || !createEmbeddingModel) return undefined;
    const { provider, vendorModel } = parts;
    const target: ResolvedEmbeddingTarget = {
      kind: 'embedding',
      modelId: name,
      providerId: provider.id,
      providerType: provider.type,
      vendorModel,
      configPath: `providers.${provider.id}`,
      embeddingModel: createEmbeddingModel(vendorModel),
    };
    if (this.embeddingByName.size < MAX_CACHED_NAMES) this.embeddingByName.set(name, target);
    return target;
  }

  private splitPassthrough(
    name: string,
  ): { provider: ProviderV1; vendorModel: string } | undefined {
    const slash = name.indexOf('/');
    if (slash <= 0) return undefined;
    const provider = this.providers.get(name.slice(0, slash));
    const vendorModel = name.slice(slash + 1);
    if (!provider || vendorModel.length === 0) return undefined;
    return { provider, vendorModel };
  }

  private describeNames(kind: ModelKind): string {
    const ids = this.listed.filter((model) => model.kind === kind).map((model) => `'${model.id}'`);
    return ids.length > 20
      ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more (GET /v1/models)`
      : ids.join(', ') || 'none';
  }
}

/** The provider's embedding model for a config entry; a ConfigError naming the entry otherwise. */
function createConfiguredEmbeddingModel({
  provider,
  vendorModel,
  configPath,
}: {
  provider: ProviderV1;
  vendorModel: string;
  configPath: string;
}): EmbeddingModel {
  const problem = `${configPath} ('${vendorModel}') has kind: embedding, but provider '${provider.id}' (${provider.type})`;
  if (!provider.embeddingModel) {
    throw new ConfigError({
      message: `${problem} has no embedding models. Use a provider that serves embeddings (openai, azure-openai, openai-compatible, mistral, google, amazon-bedrock, simulated) or remove kind: embedding.`,
    });
  }
  try {
    return provider.embeddingModel(vendorModel);
  } catch (error) {
    throw new ConfigError({
      message: `${problem} cannot serve it: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
