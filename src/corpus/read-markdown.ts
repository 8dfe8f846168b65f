import type { Article } from './article';
import { cleanParagraphs } from './normalize-paragraphs';
import { deriveTitle } from './title';

/**
 * Markdown with YAML front matter (`title`, `date`, `url`, `tags`, and
 * optionally `id`, `source`, `category`), then paragraphs separated by blank
 * lines. A leading `# Heading` is the title when the front matter has none.
 * The front matter parser reads what these files need — `key: value` scalars
 * and tag lists as `[a, b]` or `- a` lines — and refuses anything else.
 */
export function readMarkdown(fileId: string, text: string): Article {
  const { meta, body } = splitFrontMatter(text);
  let blocks = body.split(/\r?\n\s*\r?\n/).map((b) => b.trim()).filter(Boolean);
  let heading: string | null = null;
  if (blocks[0]?.startsWith('# ')) {
    heading = blocks[0].slice(2).split(/\r?\n/)[0]!.trim();
    blocks[0] = blocks[0].split(/\r?\n/).slice(1).join(' ');
  }
  blocks = blocks.map((b) => b.replace(/^#{1,6}\s+/, ''));
  const paragraphs = cleanParagraphs(blocks);
  if (paragraphs.length === 0) throw new Error('no paragraphs after the front matter');
  const scalar = (key: string) => (typeof meta[key] === 'string' && meta[key] !== '' ? (meta[key] as string) : null);
  return {
    id: scalar('id') ?? fileId,
    title: scalar('title') ?? heading ?? deriveTitle(paragraphs[0]!),
    date: scalar('date'),
    url: scalar('url'),
    source: scalar('source'),
    category: scalar('category'),
    tags: Array.isArray(meta.tags) ? meta.tags : scalar('tags') ? [scalar('tags')!] : [],
    paragraphs,
  };
}

type FrontMatter = Record<string, string | string[]>;

function splitFrontMatter(text: string): { meta: FrontMatter; body: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { meta: {}, body: text };
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close === -1) throw new Error('front matter starts with --- but never ends');
  const meta: FrontMatter = {};
  let listKey: string | null = null;
  for (let i = 1; i < close; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (meta[listKey] as string[]).push(unquote(item[1]!));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!pair) throw new Error(`front matter line ${i + 1} is not "key: value": ${line.slice(0, 60)}`);
    const [, key, value] = pair as unknown as [string, string, string];
    listKey = null;
    if (value === '') {
      meta[key] = [];
      listKey = key;
    } else if (value.startsWith('[') && value.endsWith(']')) {
      meta[key] = value.slice(1, -1).split(',').map(unquote).filter(Boolean);
    } else meta[key] = unquote(value);
  }
  return { meta, body: lines.slice(close + 1).join('\n') };
}

function unquote(value: string): string {
  const v = value.trim();
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}
