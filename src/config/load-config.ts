import { readFile } from 'node:fs/promises';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { gatewayConfigSchema, type GatewayConfig } from './config-schema.js';
import { deepFreeze } from './deep-freeze.js';
import { resolveEnvReferences } from './resolve-env-references.js';

/** Reads, resolves and validates a YAML config file. Throws ConfigError listing every problem. */
export async function loadConfig({
  path,
  env,
}: {
  path: string;
  env: NodeJS.ProcessEnv;
}): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT'
        ? 'no such file'
        : String(error);
    throw new ConfigError({
      message: `Cannot read config file ${path}: ${reason}. Pass an existing file with --config or SWITCHYARD_CONFIG.`,
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError({
      message: `Config file ${path} is not valid YAML${where}: ${detail}`,
      cause: error,
    });
  }
  return parseConfig({ raw: raw ?? {}, env, source: path });
}

/** Validates an already-parsed config object (from a file, or built from the environment). */
export function parseConfig({
  raw,
  env,
  source,
}: {
  raw: unknown;
  env: NodeJS.ProcessEnv;
  source: string;
}): GatewayConfig {
  const resolved = resolveEnvReferences({ value: raw, env });
  const problems: string[] = resolved.missing.map(
    ({ path, name }) =>
      `✖ environment variable ${name} is not set\n  → at ${path} (set it, or write \${${name}:-default})`,
  );
  const result = gatewayConfigSchema.safeParse(resolved.value);
  if (!result.success) problems.push(...result.error.issues.map(formatIssue));
  if (!result.success || problems.length > 0) {
    throw new ConfigError({ message: `Invalid config in ${source}:\n${problems.join('\n')}` });
  }
  return deepFreeze(result.data);
}

/** One problem as "✖ message → at path", with nested key problems spelled out. */
function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
    .join('')
    .replace(/^\./, '');
  let message = issue.message;
  if (issue.code === 'invalid_key') {
    const nested = issue.issues[0];
    message = `invalid name${nested ? `: ${nested.message}` : ''}`;
  } else if (issue.code === 'unrecognized_keys') {
    message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')} (check the spelling against docs/configuration.md)`;
  }
  return `✖ ${message}${path ? `\n  → at ${path}` : ''}`;
}
