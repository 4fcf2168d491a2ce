import {
  detectDefaultConfig,
  loadConfig,
  parseConfig,
  type GatewayConfig,
  type OllamaProbe,
} from '../config/index.js';
import { probeOllama } from './probe-ollama.js';

/**
 * The config as every command finds it: `--config`, else `SWITCHYARD_CONFIG`, else defaults
 * detected from the environment (API keys, a local Ollama; simulated models when none).
 */
export async function resolveConfig({
  configPath,
  env,
  probe = probeOllama,
}: {
  configPath: string | undefined;
  env: NodeJS.ProcessEnv;
  probe?: OllamaProbe;
}): Promise<{ config: GatewayConfig; source: string; notes: string[] }> {
  const path = configPath ?? env.SWITCHYARD_CONFIG;
  if (path)
    return { config: await loadConfig({ path, env }), source: path, notes: [`config: ${path}`] };
  const detected = await detectDefaultConfig({ env, probeOllama: probe });
  const source = 'defaults detected from the environment';
  return {
    config: parseConfig({ raw: detected.config, env, source }),
    source,
    notes: ['config: none given, using defaults detected from the environment', ...detected.notes],
  };
}
