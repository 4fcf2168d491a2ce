import type { ModelCatalogue, ModelCatalogueEntry } from './model-catalogue-entry.js';

/** Options of {@link lookupCatalogueEntry}. */
export type LookupCatalogueEntryOptions = {
  readonly catalogue: ModelCatalogue;
  /** The model id as a client or a config names it, in any case. */
  readonly modelId: string;
  /**
   * The host serving an open-weights model (`groq`, `together`), tried first as `<host>/<modelId>`:
   * hosted models are keyed that way because each host prices them differently.
   */
  readonly host?: string;
};

/** A catalogue entry and the catalogue key it was found under. */
export type CatalogueMatch = {
  readonly key: string;
  readonly entry: ModelCatalogueEntry;
};

// Bedrock cross-region inference profiles: `us.anthropic.claude-...`.
const GEO_PREFIX = /^(?:us|eu|apac|global|jp|au|ca|us-gov)\./;
// Bedrock model ids: `anthropic.claude-...-v1:0`.
const BEDROCK_VENDOR_PREFIX =
  /^(?:anthropic|meta|amazon|mistral|deepseek|cohere|ai21|openai|qwen)\./;
const BEDROCK_VERSION_SUFFIX = /-v\d+(?::\d+)?$/;
// Snapshot suffixes: -20250929 (Anthropic), -2024-08-06 (OpenAI), -2411 (Mistral), -latest.
const SNAPSHOT_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2}|\d{4}|latest)$/;
// LiteLLM and Together spell the host differently.
const HOST_ALIASES: Readonly<Record<string, string>> = { together_ai: 'together' };

function pushUnique(list: string[], value: string): void {
  if (value !== '' && !list.includes(value)) list.push(value);
}

/**
 * The ids tried for `modelId`, most specific first: the id itself, then with routing prefixes
 * (`openai/`, `bedrock/`, `vertex_ai/`), Bedrock geography and vendor prefixes, Bedrock version
 * suffixes, Vertex `@` snapshots and dated snapshot suffixes removed, in that order.
 */
export function listCandidateModelIds({
  modelId,
  host,
}: {
  modelId: string;
  host?: string;
}): string[] {
  const id = modelId.trim().toLowerCase().replace('@', '-');
  const pathForms: string[] = [];
  const segments = id.split('/');
  for (let start = 0; start < segments.length; start += 1) {
    const rest = segments.slice(start);
    const alias = HOST_ALIASES[rest[0] ?? ''];
    if (alias !== undefined) pushUnique(pathForms, [alias, ...rest.slice(1)].join('/'));
    pushUnique(pathForms, rest.join('/'));
  }
  const candidates: string[] = [];
  if (host !== undefined) pushUnique(candidates, `${host.toLowerCase()}/${id}`);
  for (const form of pathForms) {
    pushUnique(candidates, form);
    const withoutGeo = form.replace(GEO_PREFIX, '');
    pushUnique(candidates, withoutGeo);
    const withoutBedrock = withoutGeo
      .replace(BEDROCK_VENDOR_PREFIX, '')
      .replace(BEDROCK_VERSION_SUFFIX, '');
    pushUnique(candidates, withoutBedrock);
    pushUnique(candidates, withoutBedrock.replace(SNAPSHOT_SUFFIX, ''));
  }
  return candidates;
}

/**
 * Finds the catalogue entry of a model id. Matches exact ids first, then vendor names with dated
 * snapshots (`claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`), prefixed ids
 * (`openai/gpt-5`, `vertex_ai/claude-sonnet-4-5@20250929`) and Bedrock ids
 * (`eu.anthropic.claude-sonnet-4-5-20250929-v1:0` → `anthropic.claude-sonnet-4-5-20250929-v1:0`).
 * A dated snapshot priced differently from its family (an older `mistral-medium-2505`) needs its
 * own entry, in the config or an imported price file. Returns `undefined` when nothing matches.
 */
export function lookupCatalogueEntry({
  catalogue,
  modelId,
  host,
}: LookupCatalogueEntryOptions): CatalogueMatch | undefined {
  const candidates =
    host === undefined
      ? listCandidateModelIds({ modelId })
      : listCandidateModelIds({ modelId, host });
  for (const key of candidates) {
    const entry = catalogue.get(key);
    if (entry !== undefined) return { key, entry };
  }
  return undefined;
}
