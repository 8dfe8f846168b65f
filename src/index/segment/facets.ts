import { ByteReader, ByteWriter, FormatError } from '../codec/bytes';
import { crc32 } from '../codec/crc32';

/**
 * The facet column: per article (in doc order) the ids of its facet values —
 * `category:Politik`, `source:dpa`, `tag:NATO` — so a query can count the
 * values of the articles it matched without reading their stored text. The
 * file starts with the values (each once, as written), then the column in
 * pages of FACET_PAGE_ARTICLES articles, each page with its CRC in the root.
 *
 *   values: varint count, string value…
 *   page:   per article: varint n, varint id…
 */
export const FACET_PAGE_ARTICLES = 1024;

export interface FacetMeta {
  /** Bytes of the values at the start of the file, and their CRC. */
  valuesLength: number;
  valuesCrc: number;
  /** End offset and CRC of each page of the column. */
  pageEnds: number[];
  pageCrcs: number[];
}

export class FacetWriter {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly pages: Uint8Array[] = [];
  private page = new ByteWriter(1024);
  private inPage = 0;

  /** The facet values of the next article. */
  add(values: readonly string[]): void {
    const unique = [...new Set(values)];
    this.page.varint(unique.length);
    for (const v of unique) {
      let id = this.ids.get(v);
      if (id === undefined) {
        id = this.values.length;
        this.ids.set(v, id);
        this.values.push(v);
      }
      this.page.varint(id);
    }
    if (++this.inPage === FACET_PAGE_ARTICLES) this.cut();
  }

  private cut(): void {
    if (this.inPage === 0) return;
    this.pages.push(this.page.finish());
    this.page = new ByteWriter(1024);
    this.inPage = 0;
  }

  finish(): { bytes: Uint8Array; meta: FacetMeta } {
    this.cut();
    const head = new ByteWriter(1024).varint(this.values.length);
    for (const v of this.values) head.string(v);
    const values = head.finish();
    const out = new ByteWriter(values.length + this.pages.reduce((n, p) => n + p.length, 0));
    out.bytes(values);
    const pageEnds: number[] = [];
    const pageCrcs: number[] = [];
    for (const p of this.pages) {
      out.bytes(p);
      pageEnds.push(out.length);
      pageCrcs.push(crc32(p));
    }
    return { bytes: out.finish(), meta: { valuesLength: values.length, valuesCrc: crc32(values), pageEnds, pageCrcs } };
  }
}

/** The facet values of an article, as `kind:value` strings. */
export function facetValues(article: { category: string | null; source: string | null; tags: readonly string[] }): string[] {
  const out: string[] = [];
  if (article.category) out.push(`category:${article.category}`);
  if (article.source) out.push(`source:${article.source}`);
  for (const t of article.tags) out.push(`tag:${t}`);
  return out;
}

export function decodeFacetValues(bytes: Uint8Array): string[] {
  const r = new ByteReader(bytes);
  const n = r.varint();
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.string());
  if (!r.done) throw new FormatError('facet values have trailing bytes');
  return out;
}

/** A page of the column: the value ids of each of its articles. */
export function decodeFacetPage(bytes: Uint8Array): number[][] {
  const r = new ByteReader(bytes);
  const out: number[][] = [];
  while (!r.done) {
    const n = r.varint();
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(r.varint());
    out.push(ids);
  }
  return out;
}
