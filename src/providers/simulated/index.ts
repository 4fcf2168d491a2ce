export { createSimulatedProvider } from './simulated-provider.js';
export type { SimulatedProviderSettings } from './simulated-provider.js';
