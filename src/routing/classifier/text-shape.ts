import { TRIGGER_PREFIX_LENGTH, type TriggerIndex } from './trigger-index.js';

/** Cheap character statistics of a text, gathered in one pass. */
export type TextShape = {
  readonly wordCount: number;
  /** Runs of digits (`12`, `3.5` counts two), except four-digit runs from 1000 to 2999 (years). */
  readonly numberCount: number;
  /** Share of characters that are `{}[];=<>` or `_`. */
  readonly codeSymbolRatio: number;
  /** Lines that start with two spaces or a tab. */
  readonly indentedLineCount: number;
  readonly codeFenceCount: number;
  /** Share of words that are lower-case letters only: near 1 for prose, lower for code. */
  readonly proseWordRatio: number;
  /** The text stops inside a line (no final newline, `;` or closing brace): code to continue. */
  readonly endsMidLine: boolean;
  readonly endsWithQuestionMark: boolean;
  /** `I`, `me`, `my`, `you`, `your` appear. */
  readonly hasPersonalPronoun: boolean;
  /** A single line of four or more short comma-separated items and nothing else. */
  readonly isConceptList: boolean;
  /** Union of the trigger-index bits of the text's words; 0 without an index. */
  readonly triggerMask: number;
};

const PERSONAL_PRONOUN_PATTERN = /\b(?:i|me|my|you|your|i'm|we|our)\b/i;

// Character classes of ASCII codes, as bit flags, so the loop reads one table entry a character.
const LOWER = 1;
const UPPER = 2;
const DIGIT = 4;
const CODE_SYMBOL = 8;
const SENTENCE_END = 16;
const CHARACTER_CLASSES = ((): Uint8Array => {
  const classes = new Uint8Array(128);
  for (let code = 97; code <= 122; code += 1) classes[code] = LOWER;
  for (let code = 65; code <= 90; code += 1) classes[code] = UPPER;
  for (let code = 48; code <= 57; code += 1) classes[code] = DIGIT;
  for (const symbol of '{}[];=<>_') classes[symbol.charCodeAt(0)] = CODE_SYMBOL;
  for (const symbol of '.?!:') classes[symbol.charCodeAt(0)] = SENTENCE_END;
  return classes;
})();
const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const BACKTICK = 96;
const APOSTROPHE = 39;
const PERIOD = 46;
const TRAILING_IGNORED = '"\'”’ \t\r\n';

// Beyond ASCII, letters count as lower-case letters (prose in other scripts); no-break and
// typographic spaces, curly quotes and dashes separate words, as they do for regex `\b`.
function classifyNonAscii(code: number): number {
  const isSeparator =
    code === 0xa0 || (code >= 0x2000 && code <= 0x206f) || code === 0x3000 || code === 0xfeff;
  return isSeparator ? 0 : LOWER;
}

// A four-digit run starting with 1 or 2 is most likely a year, not a quantity.
function isYear(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  return end - start === 4 && (first === 49 || first === 50);
}

/**
 * Measures `text` in one pass over its character codes (plus one short regex test). With a
 * `triggerIndex`, also looks up the first four characters of each word in it.
 */
export function measureTextShape(text: string, triggerIndex?: TriggerIndex): TextShape {
  let triggerMask = 0;
  let wordKey = 0;
  let wordLength = 0;
  let wordCount = 0;
  let proseWords = 0;
  let numberCount = 0;
  let codeSymbols = 0;
  let indentedLineCount = 0;
  let codeFenceCount = 0;
  let commaCount = 0;
  let sentencePunctuation = 0;
  let newlineCount = 0;
  let inWord = false;
  let wordIsProse = true;
  let previousClass = 0;
  let numberStart = 0;
  let beforePreviousClass = 0;
  let previousCode = 0;
  let lineStart = true;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    const characterClass = code < 128 ? (CHARACTER_CLASSES[code] ?? 0) : classifyNonAscii(code);
    if (lineStart && (code === TAB || (code === SPACE && text.charCodeAt(index + 1) === SPACE))) {
      indentedLineCount += 1;
    }
    lineStart = code === NEWLINE;
    if (lineStart) newlineCount += 1;
    // `3,000` and `2.5` are one number: a digit after `,` or `.` after a digit continues it.
    const continuesNumber =
      (previousCode === COMMA || previousCode === PERIOD) && beforePreviousClass === DIGIT;
    if (characterClass === DIGIT && previousClass !== DIGIT && !continuesNumber) {
      numberCount += 1;
      numberStart = index;
    } else if (
      characterClass !== DIGIT &&
      previousClass === DIGIT &&
      isYear(text, numberStart, index)
    ) {
      numberCount -= 1;
    }
    if (characterClass === CODE_SYMBOL) codeSymbols += 1;
    else if (characterClass === SENTENCE_END) sentencePunctuation += 1;
    else if (code === COMMA) commaCount += 1;
    else if (
      code === BACKTICK &&
      text.charCodeAt(index + 1) === BACKTICK &&
      text.charCodeAt(index + 2) === BACKTICK
    ) {
      codeFenceCount += 1;
    }
    const isWordCharacter =
      (characterClass & (LOWER | UPPER | DIGIT)) !== 0 || code === APOSTROPHE || code === 95;
    if (isWordCharacter) {
      if (!inWord) {
        inWord = true;
        wordIsProse = true;
        wordCount += 1;
        wordKey = 0;
        wordLength = 0;
      }
      if (wordLength < TRIGGER_PREFIX_LENGTH) {
        wordKey = wordKey * 256 + (code & 0xff);
        wordLength += 1;
      }
      if (characterClass !== LOWER && code !== APOSTROPHE) wordIsProse = false;
    } else if (inWord) {
      inWord = false;
      if (wordIsProse) proseWords += 1;
      if (triggerIndex !== undefined) triggerMask |= triggerIndex.get(wordKey) ?? 0;
    }
    beforePreviousClass = previousClass;
    previousClass = characterClass;
    previousCode = code;
  }
  if (inWord && wordIsProse) proseWords += 1;
  if (inWord && triggerIndex !== undefined) triggerMask |= triggerIndex.get(wordKey) ?? 0;
  // Closing quotes and spaces after the final punctuation do not count.
  let lastIndex = length - 1;
  while (lastIndex >= 0 && TRAILING_IGNORED.includes(text.charAt(lastIndex))) lastIndex -= 1;
  const last = text.charAt(lastIndex);
  const finalCode = text.charCodeAt(length - 1);
  const endsMidLine =
    length > 0 && finalCode !== NEWLINE && !'};.?!'.includes(last === '' ? '\n' : last);
  return {
    wordCount,
    numberCount,
    codeSymbolRatio: length === 0 ? 0 : codeSymbols / length,
    indentedLineCount,
    codeFenceCount,
    proseWordRatio: wordCount === 0 ? 0 : proseWords / wordCount,
    endsMidLine,
    endsWithQuestionMark: last === '?',
    hasPersonalPronoun: PERSONAL_PRONOUN_PATTERN.test(length > 600 ? text.slice(0, 600) : text),
    isConceptList:
      commaCount >= 3 &&
      newlineCount === 0 &&
      sentencePunctuation === 0 &&
      wordCount <= (commaCount + 1) * 2,
    triggerMask,
  };
}
