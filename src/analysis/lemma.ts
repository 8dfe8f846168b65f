import { LEMMAS } from './data/lemmas';

/**
 * Lemmas where stemming alone fails: strong verbs (`gewonnen`, `gewann` →
 * `gewinnen`, `ging` → `gehen`, `gebracht` → `bringen`), weak preterites and
 * third persons (`sagte`, `sagt` → `sagen`), -innen plurals — from the
 * generated lexicon (scripts/build-lexicon.ts), which keeps only forms whose
 * Snowball stem differs from their lemma's. The analyzer stems the lemma, so
 * both paths meet (`gewonnen` and `gewinnen` share the stem `gewinn`).
 *
 * `data` is a sorted list of `form<TAB><k><tail>` lines: the lemma is the
 * form less its last k letters (k one base-36 digit) plus tail
 * (`gewonnen\t5innen` → `gewinnen`). Takes and returns folded terms.
 */
export function createLemmatizer(data: string = LEMMAS): (folded: string) => string | undefined {
  const list = data === LEMMAS ? germanLemmas() : new LemmaList(data);
  // No memo of its own: a lookup is a binary search that allocates nothing until it finds its line, and the
  // stem filter memoises each word's stem token, its lemma included.
  return (term) => {
    const code = list.code(term);
    return code === undefined ? undefined : decodeLemma(term, code);
  };
}

/** `gewonnen` + `5innen` → `gewinnen`. */
export function decodeLemma(form: string, code: string): string {
  const drop = parseInt(code[0]!, 36);
  return form.slice(0, form.length - drop) + code.slice(1);
}

/**
 * The sorted `form<TAB>code` lines, searched in place: a binary search over
 * line offsets that compares the term with each line's form character by
 * character, so a lookup allocates nothing until it finds its line (most
 * words are not in the list).
 */
class LemmaList {
  private readonly starts: Uint32Array;

  constructor(private readonly text: string) {
    const starts = text.length ? [0] : [];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    starts.push(text.length + 1);
    this.starts = Uint32Array.from(starts);
  }

  /** The code after the tab on the line whose form is `term`, or undefined. */
  code(term: string): string | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(mid, term);
      if (c === 0) {
        const start = this.starts[mid]! + term.length + 1;
        return this.text.slice(start, this.starts[mid + 1]! - 1);
      }
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  /** Sign of (form of line `line`) − `term`. */
  private compare(line: number, term: string): number {
    const start = this.starts[line]!;
    const end = this.starts[line + 1]! - 1;
    for (let k = 0; ; k++) {
      const p = start + k;
      const a = p < end ? this.text.charCodeAt(p) : -1;
      const form = a === 9 ? -1 : a; // the tab ends the form
      const b = k < term.length ? term.charCodeAt(k) : -1;
      if (form !== b) return form < b ? -1 : 1;
      if (form === -1) return 0;
    }
  }
}

let lemmas: LemmaList | null = null;

/** The generated lemma list, shared by all analyzers (its line index is built once). */
function germanLemmas(): LemmaList {
  lemmas ??= new LemmaList(LEMMAS);
  return lemmas;
}
