import {
  appendOrMergeTurn,
  parseBase64DataUrl,
  parseToolCallInput,
  type TurnShape,
} from '../../provider-utils/index.js';
import {
  InvalidRequestError,
  assertNever,
  type AssistantMessage,
  type CanonicalMessage,
  type ImagePart,
  type TextPart,
  type ToolResultPart,
  type Warning,
} from '../../spec/index.js';
import type {
  GoogleContent,
  GoogleFileDataPart,
  GoogleInlineDataPart,
  GooglePart,
  GoogleTextPart,
} from './google-api.js';
import {
  SKIP_THOUGHT_SIGNATURE_VALIDATOR,
  decodeGeminiSignature,
} from './google-thought-signature.js';

/** The canonical conversation in Gemini's shape. */
export type GooglePrompt = {
  /** All system messages, hoisted; undefined when there are none. */
  readonly systemInstruction: { parts: GoogleTextPart[] } | undefined;
  /** User/model turns, merged so that roles alternate. */
  readonly contents: GoogleContent[];
  readonly warnings: Warning[];
};

/** Input of {@link convertToGoogleContents}. */
export type ConvertToGoogleContentsOptions = {
  readonly messages: ReadonlyArray<CanonicalMessage>;
  /** False for Gemma, which has no system instruction: its system text opens the first user turn. */
  readonly isSystemInstructionSupported: boolean;
  /** Gemini 3 and later: a replayed function call turn must carry a thought signature. */
  readonly isSignatureRequired: boolean;
};

/** Image MIME types by file extension, for URL images Gemini fetches itself. */
const MIME_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  gif: 'image/gif',
};

/** Function responses answer the model turn before them; they go ahead of other content. */
const turnShape: TurnShape<GoogleContent, GooglePart> = {
  partsOf: (turn) => turn.parts,
  isToolResult: (part) => 'functionResponse' in part,
};

/**
 * Converts canonical messages to Gemini's `systemInstruction` + `contents`:
 * - system messages are hoisted into `systemInstruction` (Gemini has no system role in contents)
 * - assistant turns become `model` turns; tool calls become `functionCall` parts (arguments
 *   parsed from the canonical JSON text); tool results become `functionResponse` parts of a user
 *   turn, `{content}` or, for failed calls, `{error}`, with the tool name recovered from the call
 * - images become `inlineData` (base64, data URLs) or `fileData` (other URLs)
 * - reasoning with a Gemini signature goes back as a signed thought part, or as the
 *   `thoughtSignature` of the part it was issued with (see google-thought-signature.ts); other
 *   reasoning is dropped with a warning, because Gemini reads no unsigned thoughts
 * - consecutive turns of the same role are merged
 * Throws InvalidRequestError when a tool call's input is not a JSON object, or a tool result
 * names no tool and answers no known call.
 * @see https://ai.google.dev/api/generate-content#request-body
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */
export function convertToGoogleContents({
  messages,
  isSystemInstructionSupported,
  isSignatureRequired,
}: ConvertToGoogleContentsOptions): GooglePrompt {
  const system: GoogleTextPart[] = [];
  const contents: GoogleContent[] = [];
  const warnings: Warning[] = [];
  const toolNames = collectToolNames(messages);
  let hasConversationStarted = false;
  const appendTurn = (turn: GoogleContent) =>
    appendOrMergeTurn({ turns: contents, turn, shape: turnShape });

  messages.forEach((message, messageIndex) => {
    const param = `messages[${messageIndex}]`;
    switch (message.role) {
      case 'system':
        if (hasConversationStarted) {
          warnings.push({
            type: 'other',
            message: `The system message at ${param} was moved into the system instruction: Gemini accepts system text only ahead of the conversation.`,
          });
        }
        if (message.content.length > 0) system.push({ text: message.content });
        return;
      case 'user':
        hasConversationStarted = true;
        appendTurn({
          role: 'user',
          parts: message.content.flatMap((part, partIndex) =>
            convertUserPart({ part, param: `${param}.content[${partIndex}]` }, warnings),
          ),
        });
        return;
      case 'tool':
        hasConversationStarted = true;
        appendTurn({
          role: 'user',
          parts: message.content.flatMap((part, partIndex) =>
            convertToolResult(
              { part, toolNames, param: `${param}.content[${partIndex}]` },
              warnings,
            ),
          ),
        });
        return;
      case 'assistant':
        hasConversationStarted = true;
        appendTurn({
          role: 'model',
          parts: convertAssistantMessage({ message, param }, warnings),
        });
        return;
      default:
        return assertNever(message);
    }
  });

  if (isSignatureRequired) addPlaceholderSignatures(contents, warnings);
  if (system.length > 0 && !isSystemInstructionSupported) {
    const firstUser = contents.find((content) => content.role === 'user');
    const text = system.map((part) => part.text).join('\n\n');
    if (firstUser) firstUser.parts.unshift({ text });
    else contents.unshift({ role: 'user', parts: [{ text }] });
    return { systemInstruction: undefined, contents, warnings };
  }
  return {
    systemInstruction: system.length > 0 ? { parts: system } : undefined,
    contents,
    warnings,
  };
}

/** Tool names by call id, for results that do not name their tool. */
function collectToolNames(messages: ReadonlyArray<CanonicalMessage>): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) {
      if (part.type === 'tool-call') names.set(part.toolCallId, part.toolName);
    }
  }
  return names;
}

function convertUserPart(
  { part, param }: { part: TextPart | ImagePart; param: string },
  warnings: Warning[],
): GooglePart[] {
  switch (part.type) {
    case 'text':
      // Gemini rejects empty text parts.
      return part.text.length > 0 ? [{ text: part.text }] : [];
    case 'image':
      return [convertImage({ part, param }, warnings)];
    default:
      return assertNever(part);
  }
}

function convertImage(
  { part, param }: { part: ImagePart; param: string },
  warnings: Warning[],
): GoogleInlineDataPart | GoogleFileDataPart {
  const source = part.source;
  if (source.type === 'base64') {
    return { inlineData: { mimeType: source.mediaType, data: source.data } };
  }
  const dataUrl = parseBase64DataUrl(source.url);
  if (dataUrl !== undefined) {
    return { inlineData: { mimeType: dataUrl.mediaType, data: dataUrl.data } };
  }
  const mimeType = guessImageMimeType(source.url);
  if (mimeType === undefined) {
    warnings.push({
      type: 'other',
      message: `The image URL at ${param} has no recognisable image extension, so it was sent without a MIME type; Gemini may refuse it. Send the image as base64 data to be sure.`,
    });
    return { fileData: { fileUri: source.url } };
  }
  return { fileData: { mimeType, fileUri: source.url } };
}

/** The image MIME type of a URL's file extension, if it has a known one. */
export function guessImageMimeType(url: string): string | undefined {
  let pathname = url;
  try {
    pathname = new URL(url).pathname;
  } catch {
    // Not an absolute URL; look at the text as it is.
  }
  const extension = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_TYPE_BY_EXTENSION[extension];
}

function convertToolResult(
  {
    part,
    toolNames,
    param,
  }: { part: ToolResultPart; toolNames: Map<string, string>; param: string },
  warnings: Warning[],
): GooglePart[] {
  const name = part.toolName ?? toolNames.get(part.toolCallId);
  if (name === undefined) {
    throw new InvalidRequestError({
      message: `The tool result at ${param} answers call '${part.toolCallId}', which no earlier assistant message made, and names no tool; Gemini needs the tool's name. Send the assistant's tool call in the history, or the tool name with the result.`,
      param,
    });
  }
  const text = part.content
    .flatMap((content) => (content.type === 'text' ? [content.text] : []))
    .join('\n');
  const images = part.content.flatMap((content, index) =>
    content.type === 'image'
      ? [convertImage({ part: content, param: `${param}.content[${index}]` }, warnings)]
      : [],
  );
  // Gemini reads an `error` key as a failed call; any other key is the function's output.
  const response = part.isError ? { error: text } : { content: text };
  return [{ functionResponse: { name, response } }, ...images];
}

/** Whether a wire part may take a `thoughtSignature` carried by a following reasoning part. */
function canTakeSignature(
  part: GooglePart,
): part is GoogleTextPart | Extract<GooglePart, { functionCall: unknown }> {
  if ('functionCall' in part) return part.thoughtSignature === undefined;
  if ('text' in part) return part.thoughtSignature === undefined && part.thought !== true;
  return false;
}

function convertAssistantMessage(
  { message, param }: { message: AssistantMessage; param: string },
  warnings: Warning[],
): GooglePart[] {
  const parts: GooglePart[] = [];
  let pendingSignature: string | undefined;
  const push = (part: GooglePart) => {
    if (pendingSignature !== undefined && canTakeSignature(part)) {
      part.thoughtSignature = pendingSignature;
      pendingSignature = undefined;
    }
    parts.push(part);
  };
  message.content.forEach((part, index) => {
    const partParam = `${param}.content[${index}]`;
    switch (part.type) {
      case 'text':
        if (part.text.length > 0) push({ text: part.text });
        return;
      case 'tool-call':
        push({
          functionCall: {
            name: part.toolName,
            args: parseToolCallInput({
              input: part.input,
              param: partParam,
              toolName: part.toolName,
            }),
          },
        });
        return;
      case 'reasoning': {
        const signature = decodeGeminiSignature(part.signature);
        if (signature !== undefined && part.text.length > 0) {
          push({ text: part.text, thought: true, thoughtSignature: signature });
          return;
        }
        if (signature !== undefined) {
          // A signature issued with a text or function-call part, which precedes it.
          const owner = parts.findLast(canTakeSignature);
          if (owner) owner.thoughtSignature = signature;
          else pendingSignature = signature;
          return;
        }
        if (
          part.text.length > 0 ||
          part.redactedData !== undefined ||
          part.signature !== undefined
        ) {
          warnings.push({
            type: 'other',
            message: `The reasoning at ${partParam} was dropped: Gemini only takes back thoughts it signed itself.`,
          });
        }
        return;
      }
      default:
        return assertNever(part);
    }
  });
  if (pendingSignature !== undefined) {
    warnings.push({
      type: 'other',
      message: `A Gemini thought signature in ${param} had no text or tool call to go with and was dropped.`,
    });
  }
  return parts;
}

/**
 * Gemini 3 refuses a model turn whose function calls carry no thought signature (history from
 * another model, or a client that dropped the reasoning parts). Such a turn gets Google's
 * documented placeholder on its first call, and a warning says so.
 */
function addPlaceholderSignatures(contents: GoogleContent[], warnings: Warning[]): void {
  let count = 0;
  for (const content of contents) {
    if (content.role !== 'model') continue;
    const calls = content.parts.filter((part) => 'functionCall' in part);
    const first = calls[0];
    if (first === undefined || calls.some((call) => call.thoughtSignature !== undefined)) continue;
    first.thoughtSignature = SKIP_THOUGHT_SIGNATURE_VALIDATOR;
    count += 1;
  }
  if (count > 0) {
    warnings.push({
      type: 'other',
      message: `${count} replayed tool-call turn(s) had no Gemini thought signature, so Google's '${SKIP_THOUGHT_SIGNATURE_VALIDATOR}' placeholder was sent; Gemini 3 reasons less well without the original. Send the assistant's reasoning parts back unchanged to keep it.`,
    });
  }
}
