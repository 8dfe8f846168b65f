import type { TokenFilter } from './token';

/** Case folding. `toLowerCase` maps the capital sharp s `ẞ` to `ß`, which the fold filter then maps to `ss`. */
export const lowercaseFilter: TokenFilter = (tokens) => {
  for (const token of tokens) token.term = token.term.toLowerCase();
  return tokens;
};
