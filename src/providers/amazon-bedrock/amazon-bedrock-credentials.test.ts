import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AwsCredentialsError,
  parseIni,
  resolveAwsCredentials,
  resolveAwsRegion,
} from './amazon-bedrock-credentials.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

const credentialsFile = [
  '# shared credentials, as `aws configure` writes them',
  '[default]',
  'aws_access_key_id = AKIADEFAULT',
  `aws_secret_access_key = ${SECRET}`,
  '',
  '; temporary credentials of another profile',
  '[work]',
  'aws_access_key_id=ASIAWORK',
  'aws_secret_access_key = work-secret',
  'aws_session_token = work-session-token',
  '',
  '[sso-only]',
  'sso_session = my-sso',
  'sso_account_id = 123456789012',
].join('\r\n');

function readFileFrom(files: Record<string, string>) {
  return (path: string): Promise<string> => {
    const text = files[path];
    if (text !== undefined) return Promise.resolve(text);
    return Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }));
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe('resolveAwsCredentials', () => {
  const home = '/home/tester';
  const defaultFile = join(home, '.aws', 'credentials');

  it('reads the access key, secret and session token from the environment, and the region', async () => {
    const resolved = await resolveAwsCredentials({
      env: {
        AWS_ACCESS_KEY_ID: 'ASIAENV',
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: 'env-session-token',
        AWS_REGION: 'eu-central-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        HOME: home,
      },
      readFile: readFileFrom({ [defaultFile]: credentialsFile }),
    });
    expect(resolved).toEqual({
      credentials: {
        accessKeyId: 'ASIAENV',
        secretAccessKey: SECRET,
        sessionToken: 'env-session-token',
      },
      region: 'eu-central-1',
      source: 'environment',
    });
  });

  it('falls back to the [default] profile of ~/.aws/credentials, and AWS_DEFAULT_REGION', async () => {
    const resolved = await resolveAwsCredentials({
      env: { HOME: home, AWS_DEFAULT_REGION: 'us-west-2' },
      readFile: readFileFrom({ [defaultFile]: credentialsFile }),
    });
    expect(resolved).toEqual({
      credentials: { accessKeyId: 'AKIADEFAULT', secretAccessKey: SECRET },
      region: 'us-west-2',
      source: 'shared-credentials-file',
    });
  });

  it('reads the profile named by AWS_PROFILE, session token included', async () => {
    const resolved = await resolveAwsCredentials({
      env: { HOME: home, AWS_PROFILE: 'work' },
      readFile: readFileFrom({ [defaultFile]: credentialsFile }),
    });
    expect(resolved.credentials).toEqual({
      accessKeyId: 'ASIAWORK',
      secretAccessKey: 'work-secret',
      sessionToken: 'work-session-token',
    });
    expect(resolved.region).toBeUndefined();
  });

  it('reads the file named by AWS_SHARED_CREDENTIALS_FILE, expanding ~/', async () => {
    const resolved = await resolveAwsCredentials({
      env: { HOME: home, AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds' },
      readFile: readFileFrom({
        [join(home, 'elsewhere', 'creds')]:
          '[default]\naws_access_key_id=AKIA2\naws_secret_access_key=s2\n',
      }),
    });
    expect(resolved.credentials).toEqual({ accessKeyId: 'AKIA2', secretAccessKey: 's2' });
  });

  it('reads a real file from disk with the default reader', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'bedrock-credentials-'));
    try {
      const path = join(directory, 'credentials');
      await writeFile(path, credentialsFile);
      const resolved = await resolveAwsCredentials({
        env: { AWS_SHARED_CREDENTIALS_FILE: path, AWS_PROFILE: 'work' },
      });
      expect(resolved.credentials.accessKeyId).toBe('ASIAWORK');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('names every way to supply credentials when there are none', async () => {
    const error = await rejectionOf(
      resolveAwsCredentials({ env: { HOME: home }, readFile: readFileFrom({}) }),
    );
    expect(error).toBeInstanceOf(AwsCredentialsError);
    for (const way of [
      "'credentials' setting",
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      defaultFile,
      'AWS_SHARED_CREDENTIALS_FILE',
      'AWS_PROFILE',
      "'apiKey' setting",
      'AWS_BEARER_TOKEN_BEDROCK',
    ]) {
      expect(error.message).toContain(way);
    }
  });

  it('says which half is missing when only one environment variable is set, without echoing it', async () => {
    const error = await rejectionOf(
      resolveAwsCredentials({
        env: { HOME: home, AWS_SECRET_ACCESS_KEY: SECRET },
        readFile: readFileFrom({ [defaultFile]: credentialsFile }),
      }),
    );
    expect(error.message).toMatch(/AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not/);
    expect(error.message).not.toContain(SECRET);
  });

  it('refuses an AWS_PROFILE that the file does not have, and a profile without keys', async () => {
    const missing = await rejectionOf(
      resolveAwsCredentials({
        env: { HOME: home, AWS_PROFILE: 'nope' },
        readFile: readFileFrom({ [defaultFile]: credentialsFile }),
      }),
    );
    expect(missing.message).toContain("'nope'");
    expect(missing.message).toContain('has no [nope] section');
    const ssoOnly = await rejectionOf(
      resolveAwsCredentials({
        env: { HOME: home, AWS_PROFILE: 'sso-only' },
        readFile: readFileFrom({ [defaultFile]: credentialsFile }),
      }),
    );
    expect(ssoOnly.message).toMatch(/needs both aws_access_key_id and aws_secret_access_key/);
  });

  it('never puts a secret into an error message', async () => {
    const error = await rejectionOf(
      resolveAwsCredentials({
        env: { HOME: home, AWS_PROFILE: 'broken' },
        readFile: readFileFrom({ [defaultFile]: `[broken]\naws_secret_access_key = ${SECRET}\n` }),
      }),
    );
    expect(error.message).not.toContain(SECRET);
  });

  it('reports an unreadable file by its error code', async () => {
    const error = await rejectionOf(
      resolveAwsCredentials({
        env: { HOME: home },
        readFile: () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
      }),
    );
    expect(error.message).toContain('EACCES');
  });
});

describe('resolveAwsRegion', () => {
  it('prefers AWS_REGION over AWS_DEFAULT_REGION and ignores blank values', () => {
    expect(resolveAwsRegion({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' })).toBe(
      'eu-west-1',
    );
    expect(resolveAwsRegion({ AWS_REGION: ' ', AWS_DEFAULT_REGION: 'us-east-1' })).toBe(
      'us-east-1',
    );
    expect(resolveAwsRegion({})).toBeUndefined();
  });
});

describe('parseIni', () => {
  it('reads sections, drops a "profile " prefix, lower-cases keys and skips nested settings', () => {
    const sections = parseIni(
      '\uFEFF[profile dev]\nRegion = eu-north-1\ns3 =\n  max_concurrent_requests = 20\noutput=json\n[constructor]\nkey=value = with equals\n',
    );
    expect(Object.fromEntries(sections.get('dev') ?? [])).toEqual({
      region: 'eu-north-1',
      s3: '',
      output: 'json',
    });
    expect(sections.get('constructor')?.get('key')).toBe('value = with equals');
    expect(sections.get('toString')).toBeUndefined();
  });
});
