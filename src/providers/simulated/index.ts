export { createSimulatedProvider } from './simulated-provider.js';
export type { SimulatedProviderSettings } from './simulated-provider.js';
export { createReplayPromptKey, normaliseReplayPromptKey } from './simulated-replay.js';
export type {
  SimulatedReplayLookup,
  SimulatedReplayOutcome,
  SimulatedReplayOutcomes,
  SimulatedReplaySettings,
} from './simulated-replay.js';
