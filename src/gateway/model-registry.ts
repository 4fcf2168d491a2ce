import type { GatewayConfig } from '../config/index.js';
import { ModelNotFoundError, type LanguageModel, type ProviderV1 } from '../spec/index.js';

/** A configured model ready to call. */
export type ResolvedTarget = {
  /** The configured model id (what `/v1/models` lists). */
  readonly modelId: string;
  readonly providerId: string;
  readonly providerType: string;
  /** The vendor's model name. */
  readonly vendorModel: string;
  readonly model: LanguageModel;
  /** Config path of the model entry, for explanations and audit. */
  readonly configPath: string;
};

/** A model as listed by `/v1/models`. */
export type ListedModel = {
  readonly id: string;
  readonly providerId: string;
  readonly providerType: string;
  readonly vendorModel: string;
  readonly aliases: ReadonlyArray<string>;
};

/** Names reserved for the router. */
export function isRouteName(name: string): boolean {
  return name === 'auto' || name.startsWith('auto-');
}

/**
 * Resolves the `model` a client sends to a configured target: a model id, an alias, or
 * `<provider>/<vendor model>` for any model of a configured provider. Lookups are one map read.
 */
export class ModelRegistry {
  private readonly byName = new Map<string, ResolvedTarget>();
  private readonly listed: ListedModel[] = [];
  private readonly providers: ReadonlyMap<string, ProviderV1>;

  constructor({
    config,
    providers,
  }: {
    config: GatewayConfig;
    providers: ReadonlyMap<string, ProviderV1>;
  }) {
    this.providers = providers;
    config.models.forEach((entry, index) => {
      const provider = providers.get(entry.provider);
      if (!provider)
        throw new Error(`models[${index}]: provider '${entry.provider}' was not created`);
      const vendorModel = entry.model ?? entry.id;
      const target: ResolvedTarget = {
        modelId: entry.id,
        providerId: provider.id,
        providerType: provider.type,
        vendorModel,
        model: provider.languageModel(vendorModel),
        configPath: `models[${index}]`,
      };
      for (const name of [entry.id, ...entry.aliases]) this.byName.set(name, target);
      this.listed.push({
        id: entry.id,
        providerId: provider.id,
        providerType: provider.type,
        vendorModel,
        aliases: entry.aliases,
      });
    });
  }

  /** The configured models, in config order. */
  list(): ReadonlyArray<ListedModel> {
    return this.listed;
  }

  /** Resolves a client's model name; throws ModelNotFoundError saying what names exist. */
  resolve(name: string): ResolvedTarget {
    const found = this.byName.get(name);
    if (found) return found;
    const passthrough = this.resolvePassthrough(name);
    if (passthrough) return passthrough;
    if (isRouteName(name)) {
      throw new ModelNotFoundError({
        message: `The model name '${name}' is reserved for Switchyard's router, which is not configured in this version. Ask for a configured model instead: ${this.describeNames()}.`,
        param: 'model',
      });
    }
    throw new ModelNotFoundError({
      message: `The model '${name}' is not configured. Available: ${this.describeNames()}. Add it under models in the config, or use '<provider>/<vendor model>'.`,
      param: 'model',
    });
  }

  private resolvePassthrough(name: string): ResolvedTarget | undefined {
    const slash = name.indexOf('/');
    if (slash <= 0) return undefined;
    const provider = this.providers.get(name.slice(0, slash));
    const vendorModel = name.slice(slash + 1);
    if (!provider || vendorModel.length === 0) return undefined;
    const target: ResolvedTarget = {
      modelId: name,
      providerId: provider.id,
      providerType: provider.type,
      vendorModel,
      model: provider.languageModel(vendorModel),
      configPath: `providers.${provider.id}`,
    };
    // Cache, but bounded: client-chosen names must not grow memory without limit.
    if (this.byName.size < 10_000) this.byName.set(name, target);
    return target;
  }

  private describeNames(): string {
    const ids = this.listed.map((model) => `'${model.id}'`);
    return ids.length > 20
      ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more (GET /v1/models)`
      : ids.join(', ') || 'none';
  }
}
