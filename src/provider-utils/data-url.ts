const base64DataUrlPattern = /^data:([^;,]+);base64,(.*)$/s;

/** The media type and base64 payload of a `data:<type>;base64,<data>` URL. */
export type Base64DataUrl = {
  readonly mediaType: string;
  readonly data: string;
};

/**
 * Splits a base64 data URL into its media type and data, for vendors that take inline images as
 * bytes rather than URLs; undefined for any other URL (http(s), or a data URL that is not base64).
 * @see https://www.rfc-editor.org/rfc/rfc2397
 */
export function parseBase64DataUrl(url: string): Base64DataUrl | undefined {
  const match = base64DataUrlPattern.exec(url);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { mediaType: match[1], data: match[2] };
}
