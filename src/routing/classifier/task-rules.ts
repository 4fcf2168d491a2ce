import type { TaskFamily } from './task-family.js';

/** A lexical rule: when `pattern` matches the instruction window, `family` gains `weight`. */
export type TaskRule = {
  readonly family: TaskFamily;
  readonly pattern: RegExp;
  readonly weight: number;
  /** Short reason shown by the explanation endpoint. */
  readonly signal: string;
  /**
   * Words of which at least one must occur for `pattern` to match; only their first four
   * characters are compared (`summary` also stands for `summarize`). The pattern is tested only
   * when one occurs, which skips most regex scans. Absent: always tested.
   */
  readonly triggers?: readonly string[];
};

/**
 * Keyword rules over the lower-cased instruction window (head and tail of the last user message).
 * Weights were set by hand on the datasets' `train` split and the dev half of our own labelled
 * prompts (docs/task-classifier.md). Patterns avoid leading wildcards so each test is a fast scan.
 */
export const TASK_RULES: readonly TaskRule[] = [
  {
    family: 'code-generation',
    pattern:
      /\b(?:write|create|implement|generate|build|make|add)\b[^.?!\n]{0,40}\b(?:function|program|script|class|method|module|sql|query|regex|regular expression|unit tests?|tests? for|endpoint|component|dockerfile|makefile|cli|api)\b/,
    weight: 3,
    signal: 'asks to write code',
    triggers: [
      'function',
      'program',
      'script',
      'class',
      'method',
      'module',
      'sql',
      'query',
      'regex',
      'regular',
      'unit',
      'test',
      'tests',
      'endpoint',
      'component',
      'dockerfile',
      'makefile',
      'cli',
      'api',
    ],
  },
  {
    family: 'code-generation',
    pattern:
      /\b(?:refactor|debug|fix (?:this|the|my) (?:code|bug|function|error|test)|code review|review (?:this|my|the) (?:code|pr|pull request|diff|function)|stack ?trace|traceback|compile error|segfault|exception|type ?error|linter|pull request)\b/,
    weight: 3,
    signal: 'code review or debugging',
    triggers: [
      'refactor',
      'debug',
      'fix',
      'code',
      'review',
      'stack',
      'traceback',
      'compile',
      'segfault',
      'exception',
      'type',
      'typeerror',
      'linter',
      'pull',
    ],
  },
  {
    family: 'code-generation',
    pattern:
      /\b(?:python|javascript|typescript|java|rust|golang|c\+\+|kotlin|swift|ruby|php|sql|bash|haskell|scala|react|node\.js|numpy|pandas)\b/,
    weight: 1,
    signal: 'names a programming language',
    triggers: [
      'python',
      'javascript',
      'typescript',
      'java',
      'rust',
      'golang',
      'c',
      'kotlin',
      'swift',
      'ruby',
      'php',
      'sql',
      'bash',
      'haskell',
      'scala',
      'react',
      'node',
      'numpy',
      'pandas',
    ],
  },
  {
    family: 'code-completion',
    pattern:
      /\b(?:complete|continue|finish|autocomplete) (?:this|the following|my|the) (?:code|function|line|snippet|implementation|method|class)\b/,
    weight: 3,
    signal: 'asks to complete code',
    triggers: ['complete', 'continue', 'finish', 'autocomplete'],
  },
  {
    family: 'math',
    pattern:
      /\\(?:frac|sqrt|boxed|int|sum|cdot|times|le|ge|pi|theta|alpha|left|right)\b|\$[^$\n]{0,60}[=^\\{}_+][^$\n]{0,60}\$/,
    weight: 3,
    signal: 'LaTeX math',
  },
  {
    family: 'reasoning',
    pattern:
      /\b(?:step[- ]by[- ]step|plan|planning|roadmap|strategy|trade-?offs?|pros and cons|design (?:a|an|the)|architecture|itinerary|schedule|prioriti[sz]e|decide|decision|should (?:i|we)|migrat|root cause|think through|weigh|organi[sz]e|break down|outline|lay out|reason (?:carefully|through)|how (?:does|would|should) (?:he|she|they|we|you) do)\b/,
    weight: 3,
    signal: 'planning or analysis',
    triggers: [
      'step',
      'plan',
      'roadmap',
      'strategy',
      'trade',
      'pros',
      'design',
      'architecture',
      'itinerary',
      'schedule',
      'prioritize',
      'decide',
      'decision',
      'should',
      'migrate',
      'root',
      'think',
      'weigh',
      'organize',
      'break',
      'outline',
      'lay',
      'reason',
      'how',
    ],
  },
  {
    family: 'reasoning',
    pattern: /\b(?:puzzle|riddle|clues?|deduce|logic|logical|constraints?|houses? in a row)\b/,
    weight: 5,
    signal: 'logic puzzle',
    triggers: ['puzzle', 'riddle', 'clue', 'deduce', 'logic', 'constraint', 'house'],
  },
  {
    family: 'multiple-choice',
    pattern:
      /\b(?:single choice|answer with the letter|which of the following|choose the (?:best|correct)|correct answer|select one|correct option)\b/,
    weight: 2,
    signal: 'asks to pick an option',
    triggers: ['single', 'answer', 'which', 'choose', 'correct', 'select'],
  },
  {
    family: 'extraction',
    pattern:
      /\b(?:extract|classify|classification|categori[sz]e|label (?:each|the|this|these)|tag (?:each|the|this|these|every)|sentiment|named entit|parse|pull out|(?:list|find|identify|get) (?:all|every|each)\b|which (?:category|department|team|class)|what category|spam or|toxic|assign a (?:priority|category|label)|(?:sort|group) (?:these|the|them)\b[^.\n]{0,40}\binto|determine whether each|intent|fill (?:in )?the (?:fields|form|schema))/,
    weight: 4,
    signal: 'asks to extract or classify',
    triggers: [
      'extract',
      'classify',
      'categorize',
      'label',
      'tag',
      'sentiment',
      'named',
      'parse',
      'pull',
      'list',
      'find',
      'identify',
      'get',
      'which',
      'what',
      'spam',
      'toxic',
      'assign',
      'sort',
      'group',
      'determine',
      'intent',
      'fill',
    ],
  },
  {
    family: 'extraction',
    pattern: /\b(?:json|csv|yaml|key-value|fields|schema|as a table)\b/,
    weight: 1,
    signal: 'structured output wording',
    triggers: ['json', 'csv', 'yaml', 'key', 'fields', 'schema', 'table'],
  },
  {
    family: 'summarization',
    pattern:
      /\b(?:summari[sz]e|summary|summarization|tl;?dr|key (?:points|takeaways)|main points|condense|recap|gist|boil (?:this|it) down|in (?:one|two|three|\d+) (?:sentences?|bullets?|bullet points)|shorten)\b/,
    weight: 5,
    signal: 'asks for a summary',
    triggers: [
      'summary',
      'tl',
      'tldr',
      'key',
      'main',
      'condense',
      'recap',
      'gist',
      'boil',
      'sentence',
      'bullet',
      'shorten',
    ],
  },
  {
    family: 'translation',
    pattern:
      /\b(?:translate|translation|traduce|traduis|übersetze|traduzir|traduci|target language)\b|\bhow do (?:you|i) say\b/,
    weight: 5,
    signal: 'asks to translate',
    triggers: [
      'translate',
      'traduce',
      'traduis',
      'übersetze',
      'traduzir',
      'traduci',
      'target',
      'say',
    ],
  },
  {
    family: 'translation',
    pattern:
      /\b(?:into|to|in) (?:english|french|german|spanish|italian|portuguese|chinese|mandarin|japanese|korean|russian|arabic|hindi|dutch|polish|turkish|swedish|vietnamese|indonesian|ukrainian|greek|hebrew)\b|\bhow do (?:you|i) say\b/,
    weight: 2,
    signal: 'names a target language',
    triggers: [
      'english',
      'french',
      'german',
      'spanish',
      'italian',
      'portuguese',
      'chinese',
      'mandarin',
      'japanese',
      'korean',
      'russian',
      'arabic',
      'hindi',
      'dutch',
      'polish',
      'turkish',
      'swedish',
      'vietnamese',
      'indonesian',
      'ukrainian',
      'greek',
      'hebrew',
      'say',
    ],
  },
  {
    family: 'creative-writing',
    pattern:
      /\b(?:write|compose|create|draft|pen|tell)\b[^.?!\n]{0,40}\b(?:story|poem|haiku|limerick|sonnet|song|lyrics|verse|rap|screenplay|scene|fable|fairy tale|tale|novel|chapter|monologue|dialogue|slogan|tagline|toast|jingle|bedtime|love letter|backstory|elegy|ode)\b/,
    weight: 4,
    signal: 'asks for a story or poem',
    triggers: [
      'story',
      'poem',
      'haiku',
      'limerick',
      'sonnet',
      'song',
      'lyrics',
      'verse',
      'rap',
      'screenplay',
      'scene',
      'fable',
      'fairy',
      'tale',
      'novel',
      'chapter',
      'monologue',
      'dialogue',
      'slogan',
      'tagline',
      'toast',
      'jingle',
      'bedtime',
      'love',
      'backstory',
      'elegy',
      'ode',
    ],
  },
  {
    family: 'creative-writing',
    pattern:
      /\b(?:once upon a time|poem|story|fiction|rhym|stanza|plot twist|character named|in the style of|imaginative|whimsical|poetic|vivid|(?:sentence|paragraph) (?:using|with|containing) (?:the|these|all))/,
    weight: 1.5,
    signal: 'creative wording',
    triggers: [
      'once',
      'poem',
      'story',
      'fiction',
      'rhyme',
      'stanza',
      'plot',
      'character',
      'style',
      'imaginative',
      'whimsical',
      'poetic',
      'vivid',
      'sentence',
      'paragraph',
    ],
  },
  {
    family: 'chat',
    pattern:
      /^(?:hi|hello|hey|yo|thanks|thank you|good (?:morning|evening|night)|how are you|what's up|lol|ok|okay|cool|nice|sure|bye|haha|great)\b/,
    weight: 3,
    signal: 'greeting or small talk',
  },
  {
    family: 'chat',
    pattern:
      /\b(?:i feel|i'm feeling|i am feeling|my (?:day|week|weekend)|do you (?:ever|like|enjoy|have feelings)|are you (?:ok|okay|there|real|human|a bot|bored)|what do you think|about yourself|your favou?rite|any advice|i'm bored|i am bored|cheer me up|vent)\b/,
    weight: 3,
    signal: 'conversational wording',
    triggers: ['i', "i'm", 'my', 'do', 'are', 'what', 'about', 'your', 'any', 'cheer', 'vent'],
  },
  {
    family: 'knowledge-qa',
    pattern:
      /\b(?:what (?:is|are|was|were)|who (?:is|was|wrote|sang|sings|invented|discovered|played|won)|when (?:did|was|is)|where (?:is|was|did)|capital of|history of|explain|definition of|meaning of|difference between|why (?:is|do|does|did))\b/,
    weight: 1.5,
    signal: 'factual question',
    triggers: [
      'what',
      'who',
      'when',
      'where',
      'capital',
      'history',
      'explain',
      'definition',
      'meaning',
      'difference',
      'why',
    ],
  },
];

/** Markers of fill-in-the-middle prompts (StarCoder, CodeLlama, DeepSeek-Coder, Codestral, Qwen). */
export const FILL_IN_THE_MIDDLE_MARKERS: readonly string[] = [
  '<|fim_prefix|>',
  '<|fim_suffix|>',
  '<|fim_middle|>',
  '<fim_prefix>',
  '<fim_suffix>',
  '<fim_middle>',
  '<PRE>',
  '<SUF>',
  '<MID>',
  '<｜fim▁begin｜>',
  '<｜fim▁hole｜>',
  '[SUFFIX]',
  '[PREFIX]',
];

/** System prompts that set up an autocomplete engine. */
export const CODE_COMPLETION_SYSTEM_PATTERN =
  /\b(?:code completion|autocomplete|auto-complete|complete the code|fill in the middle|fill-in-the-middle|continue the code|completion engine|inline completion|insert code)\b/;

/** Code keywords; two or more distinct ones mark code. */
export const CODE_KEYWORD_PATTERN =
  /\b(?:def|function|return|import|const|let|var|val|fun|func|package|class|public|static|void|int|include|select|elif|fn|impl|struct|async|await|lambda|println|printf|while|for|if|else|try|except|catch|throw|new|self|this|match)\b|=>|::|!==|===|\+\+|->/g;

/** Lettered options at line starts: `A) …`, `(b) …`, `C. …`. */
export const OPTION_LINE_PATTERN = /(?:^|\n)[ \t]*\(?[a-e][).:][ \t]/g;

/** Starts of a question. */
export const QUESTION_START_PATTERN =
  /^(?:q: )?(?:who|what|when|where|which|why|how|is|are|was|were|did|does|do|can|could|name|in which|in what|on what)\b/;

/** Tool names that tell what the caller is doing. */
export const TOOL_NAME_RULES: readonly TaskRule[] = [
  {
    family: 'code-generation',
    pattern: /code|python|shell|bash|exec|file|repo|git|terminal|edit|patch|lint|test/,
    weight: 1.5,
    signal: 'code tools',
  },
  {
    family: 'extraction',
    pattern: /extract|classif|label|parse|record|tag|categor/,
    weight: 2,
    signal: 'extraction tools',
  },
  {
    family: 'knowledge-qa',
    pattern: /search|browse|web|wiki|lookup|retriev|docs/,
    weight: 1,
    signal: 'search tools',
  },
  {
    family: 'math',
    pattern: /calculat|math|wolfram|sympy/,
    weight: 1.5,
    signal: 'calculator tools',
  },
  {
    family: 'reasoning',
    pattern: /calendar|schedul|plan|book|task/,
    weight: 1,
    signal: 'planning tools',
  },
];

/** Math wording; each distinct term adds weight (up to three). */
export const MATH_WORDING_PATTERN =
  /\b(?:solve|prove|calculate|compute|evaluate|simplify|integral|derivative|equation|polynomial|probability|remainder|modulo|divisible|divides|prime numbers?|how many|how much|sum of|in total|ratio|series|twice|left over|smallest possible|largest possible|greatest|integers?|fractions?|percent|average|area of|volume of|perimeter|multiple of|per (?:hour|day|week|month)|dollars|digits?|real numbers?|how long (?:will|does|did) it take)\b/g;

/** Trigger words of {@link MATH_WORDING_PATTERN}; see {@link TaskRule.triggers}. */
export const MATH_WORDING_TRIGGERS: readonly string[] =
  'solve prove calculate compute evaluate simplify integral derivative equation polynomial probability remainder modulo divisible prime how sum total ratio series twice left smallest largest greatest integer fraction percent average area volume perimeter multiple per dollars digit numbers'.split(
    ' ',
  );

/** Terms of graduate-level science; two or more distinct ones mark an expert problem. */
export const EXPERT_SCIENCE_PATTERN =
  /\b(?:treated with|product \d|compounds?|reactions?|molecules?|molecular|orbitals?|quantum|electrons?|enzymes?|proteins?|mutations?|hamiltonian|eigen\w*|isomers?|synthesis|wavelength|photons?|plasmids?|catalyst|spin|nucle\w+|particles?|nmr|spectr\w+|reagents?|wave ?function|decay|kinetic|equilibrium|chromosomes?|dna|rna|genes?|operator|momentum|relativistic|lattice|ligand|oxidation|alkane|alkene|benzene|acid|chemical|chemistry|qubits?|exoplanets?|stars?|species|chloroplast|evolution\w*|optical|sphere|radius|velocity|energy|temperature|pressure|bonds?|concentration|cyclo\w+|\w+ylidene|methyl\w*|ethyl\w*|phenyl\w*|hydro\w+|gates?)\b/g;

/** Trigger words of {@link EXPERT_SCIENCE_PATTERN}; see {@link TaskRule.triggers}. */
export const EXPERT_SCIENCE_TRIGGERS: readonly string[] =
  'treated product compound reaction molecule orbital quantum electron enzyme protein mutation hamiltonian eigen isomer synthesis wavelength photon plasmid catalyst spin nucleus particle nmr spectrum reagent wave decay kinetic equilibrium chromosome dna rna gene operator momentum relativistic lattice ligand oxidation alkane alkene benzene acid chemical qubit exoplanet star species chloroplast evolution optical sphere radius velocity energy temperature pressure bond concentration cyclo ylidene methyl ethyl phenyl hydro gate'.split(
    ' ',
  );

/** A fill-in-the-blank (cloze) question: `... the plants were _ .` */
export const CLOZE_BLANK_PATTERN = /\s_+\W{0,5}$/;
