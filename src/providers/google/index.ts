export { createGoogleProvider } from './google-provider.js';
export type { GoogleProvider, GoogleProviderSettings } from './google-provider.js';
export type { GoogleModelId, GoogleOptions } from './google-options.js';
