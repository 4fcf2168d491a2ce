/** The configuration could not be read or is invalid; the message lists every problem and its path. */
export class ConfigError extends Error {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ConfigError';
  }
}
