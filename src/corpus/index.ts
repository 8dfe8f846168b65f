export type { Article } from './article';
export { readCorpus, type ReadCorpusOptions } from './read-corpus';
export { CorpusError, formatProblem, type CorpusProblem } from './problem';
export { readRawText } from './read-raw-text';
export { readMarkdown } from './read-markdown';
export { readJsonLines } from './read-jsonl';
