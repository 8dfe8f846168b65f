export type { Article } from './article';
export { readCorpus, type ReadCorpusOptions } from './read-corpus';
export { CORPUS_FORMATS, formatOf, SYNONYMS_FILE, type CorpusFormat } from './formats';
export { CorpusError, formatProblem, type CorpusProblem } from './problem';
export { readRawText } from './read-raw-text';
export { readMarkdown } from './read-markdown';
export { readJsonLines } from './read-jsonl';
