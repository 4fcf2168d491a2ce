import type { CanonicalRequest, UserContentPart } from '../../spec/canonical-request.js';

/** Most characters of the last user message that are read: the head and the tail of longer ones. */
export const MAX_USER_TEXT_CHARACTERS = 2048;
/** Most characters of the system prompt that are read (its head). */
export const MAX_SYSTEM_TEXT_CHARACTERS = 512;

/** The parts of a request the classifier reads. */
export type RequestText = {
  /** The last user message's text, capped to its head and tail. */
  readonly userText: string;
  /** Length of the whole last user message's text, in characters. */
  readonly userTextLength: number;
  readonly imageCount: number;
  readonly hasUserMessage: boolean;
  /** The head of the system prompt(s), lower-cased. */
  readonly systemText: string;
  /** Number of assistant turns before the last user message. */
  readonly assistantTurnCount: number;
};

function capText({ text, maxCharacters }: { text: string; maxCharacters: number }): string {
  if (text.length <= maxCharacters) return text;
  const headLength = maxCharacters >> 1;
  return `${text.slice(0, headLength)}\n${text.slice(text.length - (maxCharacters - headLength))}`;
}

function joinTextParts(content: ReadonlyArray<UserContentPart>): { text: string; images: number } {
  let text = '';
  let images = 0;
  for (const part of content) {
    if (part.type === 'image') {
      images += 1;
      continue;
    }
    // Joining is bounded: a part longer than the cap is capped before joining.
    const partText = capText({ text: part.text, maxCharacters: MAX_USER_TEXT_CHARACTERS });
    text = text === '' ? partText : `${text}\n${partText}`;
  }
  return { text, images };
}

/**
 * Reads the last user message (head and tail past {@link MAX_USER_TEXT_CHARACTERS}), the head of
 * the system prompt and the number of earlier assistant turns. Reads each message at most once and
 * only the messages it needs: it walks back from the end.
 */
export function readRequestText(request: CanonicalRequest): RequestText {
  const { messages } = request;
  let lastUserIndex = -1;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index]?.role === 'user') {
      lastUserIndex = index;
      break;
    }
  }
  let systemText = '';
  let assistantTurnCount = 0;
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index];
    if (message === undefined) continue;
    if (message.role === 'system' && systemText.length < MAX_SYSTEM_TEXT_CHARACTERS) {
      systemText += message.content.slice(0, MAX_SYSTEM_TEXT_CHARACTERS - systemText.length);
    } else if (message.role === 'assistant' && index < lastUserIndex) {
      assistantTurnCount += 1;
    }
  }
  const lastUser = messages[lastUserIndex];
  if (lastUser === undefined || lastUser.role !== 'user') {
    return {
      userText: '',
      userTextLength: 0,
      imageCount: 0,
      hasUserMessage: false,
      systemText: systemText.toLowerCase(),
      assistantTurnCount,
    };
  }
  const { text, images } = joinTextParts(lastUser.content);
  return {
    userText: capText({ text, maxCharacters: MAX_USER_TEXT_CHARACTERS }),
    userTextLength: text.length,
    imageCount: images,
    hasUserMessage: true,
    systemText: systemText.toLowerCase(),
    assistantTurnCount,
  };
}
