import { readFile as readFileFromDisk } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** Static AWS credentials; `sessionToken` is present for temporary (STS) credentials. */
export type AwsCredentials = {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
};

/** Loads credentials on demand (e.g. refreshed STS credentials); called for every request. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** Credentials as a credentials provider returns them: validated before use. */
export const awsCredentialsSchema = z.object({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().min(1).optional(),
});

/** No usable AWS credentials were found. The message names every way to supply them. */
export class AwsCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsCredentialsError';
  }
}

export type ResolveAwsCredentialsOptions = {
  /** The environment to read, usually `process.env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads a file as UTF-8; rejects with `code: 'ENOENT'` when it does not exist. */
  readonly readFile?: (path: string) => Promise<string>;
};

export type ResolvedAwsCredentials = {
  readonly credentials: AwsCredentials;
  /** `AWS_REGION`, else `AWS_DEFAULT_REGION`; undefined when neither is set. */
  readonly region: string | undefined;
  /** Where the credentials came from (never the credentials themselves). */
  readonly source: 'environment' | 'shared-credentials-file';
};

/**
 * Resolves AWS credentials from the standard sources, in order: the `AWS_ACCESS_KEY_ID` /
 * `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) environment variables, else the profile
 * `AWS_PROFILE` (default `default`) of the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`,
 * default `~/.aws/credentials`). SSO, `credential_process`, role assumption and instance metadata
 * are not supported; pass a `credentials` function to the provider for those. Throws
 * AwsCredentialsError naming every way to supply credentials; secrets never appear in messages.
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/environment-variables.html
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
 */
export async function resolveAwsCredentials({
  env,
  readFile = (path) => readFileFromDisk(path, 'utf8'),
}: ResolveAwsCredentialsOptions): Promise<ResolvedAwsCredentials> {
  const region = resolveAwsRegion(env);
  const fromEnvironment = readEnvironmentCredentials(env);
  if (fromEnvironment) return { credentials: fromEnvironment, region, source: 'environment' };

  const path = sharedCredentialsPath(env);
  const profileName = nonEmpty(env.AWS_PROFILE);
  const profile = profileName ?? 'default';
  const text = await readOptionalFile({ path, readFile });
  const section = text === undefined ? undefined : parseIni(text).get(profile);
  if (section) {
    return {
      credentials: readProfileCredentials({ section, profile, path }),
      region,
      source: 'shared-credentials-file',
    };
  }
  if (profileName !== undefined) {
    throw new AwsCredentialsError(
      `AWS_PROFILE names the profile '${profile}', but ${text === undefined ? `the shared credentials file ${path} does not exist` : `${path} has no [${profile}] section`}. Add the profile there, point AWS_SHARED_CREDENTIALS_FILE at the file that has it, or unset AWS_PROFILE.`,
    );
  }
  throw new AwsCredentialsError(missingCredentialsMessage(path));
}

/** The region from `AWS_REGION`, else `AWS_DEFAULT_REGION`. */
export function resolveAwsRegion(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
}

/** Every way to give the gateway Bedrock credentials, for error messages. */
export function missingCredentialsMessage(sharedFilePath = '~/.aws/credentials'): string {
  return (
    'No AWS credentials found for Amazon Bedrock. Supply them in one of these ways: ' +
    "the provider's 'credentials' setting ({ accessKeyId, secretAccessKey, sessionToken? } or a function returning them); " +
    'the AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY environment variables (plus AWS_SESSION_TOKEN for temporary credentials); ' +
    `aws_access_key_id and aws_secret_access_key in the [default] profile (or the profile named by AWS_PROFILE) of the shared credentials file ${sharedFilePath} (AWS_SHARED_CREDENTIALS_FILE sets another path); ` +
    "or a Bedrock API key in the provider's 'apiKey' setting (conventionally from AWS_BEARER_TOKEN_BEDROCK)."
  );
}

function readEnvironmentCredentials(
  env: Readonly<Record<string, string | undefined>>,
): AwsCredentials | undefined {
  const accessKeyId = nonEmpty(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonEmpty(env.AWS_SECRET_ACCESS_KEY);
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const [set, unset] =
      accessKeyId === undefined
        ? ['AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID']
        : ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];
    throw new AwsCredentialsError(
      `${set} is set but ${unset} is not. Set both environment variables (plus AWS_SESSION_TOKEN for temporary credentials), or unset ${set} to use the shared credentials file.`,
    );
  }
  const sessionToken = nonEmpty(env.AWS_SESSION_TOKEN);
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function readProfileCredentials({
  section,
  profile,
  path,
}: {
  section: ReadonlyMap<string, string>;
  profile: string;
  path: string;
}): AwsCredentials {
  const accessKeyId = nonEmpty(section.get('aws_access_key_id'));
  const secretAccessKey = nonEmpty(section.get('aws_secret_access_key'));
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new AwsCredentialsError(
      `The [${profile}] profile of ${path} needs both aws_access_key_id and aws_secret_access_key (plus aws_session_token for temporary credentials). Profiles that use SSO, credential_process or role_arn are not supported: pass a 'credentials' function to the provider instead.`,
    );
  }
  // aws_security_token is the older name some tools still write.
  const sessionToken =
    nonEmpty(section.get('aws_session_token')) ?? nonEmpty(section.get('aws_security_token'));
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function sharedCredentialsPath(env: Readonly<Record<string, string | undefined>>): string {
  const home = nonEmpty(env.HOME) ?? nonEmpty(env.USERPROFILE) ?? homedir();
  const configured = nonEmpty(env.AWS_SHARED_CREDENTIALS_FILE);
  if (configured === undefined) return join(home, '.aws', 'credentials');
  return configured.startsWith('~/') ? join(home, configured.slice(2)) : configured;
}

async function readOptionalFile({
  path,
  readFile,
}: {
  path: string;
  readFile: (path: string) => Promise<string>;
}): Promise<string | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = error !== null && typeof error === 'object' && 'code' in error ? error.code : '';
    if (code === 'ENOENT') return undefined;
    throw new AwsCredentialsError(
      `Could not read the shared credentials file ${path} (${typeof code === 'string' && code ? code : 'read error'}). Fix its permissions, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead.`,
    );
  }
}

/**
 * Parses the AWS shared credentials / config file format: `[section]` headers (a `profile `
 * prefix, as the config file writes it, is dropped), `key = value` lines, full-line `#` and `;`
 * comments. Keys are lower-cased; indented lines (nested settings such as `s3 =` blocks) are
 * skipped. Returns the sections by name, each a map of its keys.
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html
 */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (/^[ \t]/.test(rawLine)) continue;
    const line = rawLine.trim();
    if (line.length === 0 || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      const name = header[1].trim().replace(/^profile\s+/, '');
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (current === undefined || equals <= 0) continue;
    current.set(line.slice(0, equals).trim().toLowerCase(), line.slice(equals + 1).trim());
  }
  return sections;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
