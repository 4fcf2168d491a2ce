/**
 * Something the gateway could not honour exactly but that did not stop the request
 * (STYLE.md rule 6). Warnings are returned in `x-switchyard-warnings` and written to the log.
 */
export type Warning =
  | { readonly type: 'unsupported-setting'; readonly setting: string; readonly details?: string }
  | { readonly type: 'unsupported-tool'; readonly toolName: string; readonly details?: string }
  | { readonly type: 'other'; readonly message: string };

/** Renders a warning as one short human-readable line. */
export function formatWarning(warning: Warning): string {
  switch (warning.type) {
    case 'unsupported-setting':
      return `unsupported setting '${warning.setting}'${warning.details ? `: ${warning.details}` : ''}`;
    case 'unsupported-tool':
      return `unsupported tool '${warning.toolName}'${warning.details ? `: ${warning.details}` : ''}`;
    case 'other':
      return warning.message;
    default:
      return assertNever(warning);
  }
}

/** Exhaustiveness guard for `switch` statements over discriminated unions. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
