import { describe, expect, it } from 'vitest';
// @ts-expect-error: the page's script is plain JavaScript, served as it is, without type declarations.
import { queryHref } from '../../public/render.js';

describe('public/render.js', () => {
  it('links a tag search even when the tag holds a lone surrogate (encodeURIComponent would throw)', () => {
    expect(queryHref('', 'tag:Ukraine')).toBe('/?q=tag%3AUkraine');
    expect(queryHref('https://s.example', 'tag:a\uD800b')).toBe('https://s.example/?q=tag%3Aa%EF%BF%BDb');
    expect(queryHref('', 'tag:😀')).toBe('/?q=tag%3A%F0%9F%98%80');
  });
});
