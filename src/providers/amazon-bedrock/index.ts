export { createAmazonBedrockProvider } from './amazon-bedrock-provider.js';
export type { AmazonBedrockProviderSettings } from './amazon-bedrock-provider.js';
export {
  AwsCredentialsError,
  resolveAwsCredentials,
  resolveAwsRegion,
} from './amazon-bedrock-credentials.js';
export type {
  AwsCredentials,
  AwsCredentialsProvider,
  ResolveAwsCredentialsOptions,
  ResolvedAwsCredentials,
} from './amazon-bedrock-credentials.js';
export type { AmazonBedrockModelId, AmazonBedrockOptions } from './amazon-bedrock-options.js';
