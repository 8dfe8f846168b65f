import { readFile, writeFile } from 'node:fs/promises';
import type { Article } from '../../src/corpus/article';

/** A paragraph as every library indexes it: its `doc#paragraph` key (what queries are judged on) and its text. */
export interface KeyedParagraph {
  key: string;
  text: string;
}

/**
 * One system under comparison, as `npm run eval` and `npm run bench` both
 * drive it: this project or another search library. An instance holds one
 * index: `build` or `open` fills it, then `search` and `prefix` ask it.
 * The eval builds and searches; the bench also saves and opens, in fresh
 * processes, to time them.
 *
 * Every saved artifact holds what a search page needs to show a result:
 * the index, the paragraph keys and the paragraph texts (ours stores texts in
 * its index folder; for libraries that do not, the adapter ships them beside
 * it), so sizes and load times compare like with like. A library's artifact
 * is one file; ours is the index folder `npm run build:index` writes.
 */
export interface ComparedSystem {
  /** Short id used on the command line (`--systems ours,minisearch`). */
  readonly id: string;
  /** Name in the tables. */
  readonly name: string;
  build(articles: readonly Article[]): void | Promise<void>;
  /** Writes the index to `path` (a file, or a folder for ours). */
  save(path: string): Promise<void>;
  /** Opens what `save` wrote, as the system loads an index from storage. */
  open(path: string): Promise<void>;
  /**
   * Ranked keys (`doc#paragraph`), best first: the query as complete words,
   * terms ORed. The libraries answer synchronously (their latency is timed
   * without an await); ours answers with a promise, as its engine reads
   * through an async byte source.
   */
  search(query: string, limit: number): string[] | Promise<string[]>;
  /** Ranked keys for a query being typed: the library's own prefix search on the unfinished word. */
  prefix(query: string, limit: number): string[] | Promise<string[]>;
}

/** `save` and `open` for a library whose index serializes to bytes: one file. */
export function fileArtifact(serialize: () => Uint8Array, load: (bytes: Uint8Array) => void): Pick<ComparedSystem, 'save' | 'open'> {
  return {
    async save(path) {
      await writeFile(path, serialize());
    },
    async open(path) {
      const file = await readFile(path);
      load(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
    },
  };
}

/** The key the query files judge a paragraph by: `doc#paragraph` (article id, paragraph number). */
export function paragraphKey(doc: string, paragraph: number): string {
  return `${doc}#${paragraph}`;
}

/** Every paragraph of every article in corpus order, keyed as the query files judge them. */
export function paragraphsOf(articles: readonly Article[]): KeyedParagraph[] {
  const out: KeyedParagraph[] = [];
  for (const a of articles) a.paragraphs.forEach((text, i) => out.push({ key: paragraphKey(a.id, i), text }));
  return out;
}

/** Paragraph keys and texts as one JSON document, for the libraries whose index does not store them. */
export interface ShippedParagraphs {
  keys: string[];
  texts: string[];
}

export function shipParagraphs(paragraphs: readonly KeyedParagraph[]): ShippedParagraphs {
  return { keys: paragraphs.map((p) => p.key), texts: paragraphs.map((p) => p.text) };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function parseJsonBytes<T>(bytes: Uint8Array): T {
  return JSON.parse(decoder.decode(bytes)) as T;
}

/** Thrown by `search` before `build` or `load`: a bug of the tool, not a measurement. */
export function notReady(name: string): never {
  throw new Error(`${name}: search before build or open`);
}
