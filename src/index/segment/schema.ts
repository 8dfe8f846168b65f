import type { TokenKind } from '../../analysis/token';

/**
 * The fields of a segment. Each analysed token kind has a field of its own,
 * so ranking can weigh an exact match above a stem match above a compound
 * part (as Elasticsearch multi-fields keep `text` and `text.stemmed` apart):
 *
 * | field   | holds                                            | level     |
 * |---------|--------------------------------------------------|-----------|
 * | `title` | stems of the article title                       | article   |
 * | `text`  | folded surface forms (exact, prefix, typos)      | paragraph |
 * | `stem`  | stems and lemmas (with positions)                | paragraph |
 * | `part`  | stems of compound parts (with positions)         | paragraph |
 * | `meta`  | filter keys: `tag:…`, `category:…`, `source:…`, `id:…` | article |
 *
 * Article-level fields are indexed once per article: a posting carries the
 * article's first paragraph and how many paragraphs it has (its span), so a
 * title match counts for each of them without being stored once per paragraph.
 */
export const FIELDS = ['title', 'text', 'stem', 'part', 'meta'] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD = { title: 0, text: 1, stem: 2, part: 3, meta: 4 } as const satisfies Record<Field, number>;
export const FIELD_COUNT = FIELDS.length;

/** Fields whose postings stand for whole articles (they carry spans). */
export function isArticleField(field: number): boolean {
  return field === FIELD.title || field === FIELD.meta;
}

/** The field each kind of analysed paragraph token goes to. */
export const FIELD_OF_KIND: Record<TokenKind, number> = { exact: FIELD.text, stem: FIELD.stem, part: FIELD.part };

/**
 * Fields with positions. Phrases match word by word on stems, and proximity
 * and highlights need where stems and compound parts stand. The text field
 * keeps none when there are stems: the stem filter puts each word's stem at
 * the word's position, and a query word plans its stem beside its exact
 * form, so an exact match stands where its stem does. What matches only in
 * the text field — a prefix or typo expansion — is highlighted from the
 * shown text's folded words (engine.ts), which a paragraph shown has at hand.
 * Without stems the text field is the phrase field and keeps its positions.
 */
export function positionalFields(stems: boolean): number[] {
  return stems ? [FIELD.stem, FIELD.part] : [FIELD.text, FIELD.stem, FIELD.part];
}

/** The logical files of a segment; each is read by byte ranges through a ByteSource. */
export const SEGMENT_FILES = ['terms', 'postings', 'positions', 'docs', 'docindex', 'articles', 'facets'] as const;
export type SegmentFile = (typeof SEGMENT_FILES)[number];

/**
 * Key of a metadata filter term: `\u0001tag:nato`. The leading control
 * character sorts every key before the words, so a scan of a letter's words
 * (prefix search, typos) never walks through them. Values are compared case-
 * and accent-insensitively; ids exactly.
 */
export function metaKey(kind: 'tag' | 'category' | 'source' | 'id', value: string): string {
  return `${META_PREFIX}${kind}:${kind === 'id' ? value : normalizeMetaValue(value)}`;
}

export const META_PREFIX = '\u0001';

/** Lower case without accents (`Noël` = `noel`), ß as ss: how filter values match. */
export function normalizeMetaValue(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .trim()
    .replace(/\s+/g, ' ');
}
