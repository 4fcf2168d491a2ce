/** The command line was wrong; the message says how. Exits with code 2 after the usage text. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
