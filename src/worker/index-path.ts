/**
 * Whether a request path names the index file, however it is spelled: the
 * asset server decodes `%2F` and merges slashes itself (it redirects
 * `//search-index.bin` and `/%2Fsearch-index.bin` to the file), so the
 * check decodes and merges too rather than trusting that redirect. A path
 * that does not decode is treated as the index: it is no asset either.
 */
export function isIndexPath(pathname: string, indexPath: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  const merged = decoded.replace(/[\/\\]+/g, '/');
  // Dot segments that only appear once decoded (`/..%2Fsearch-index.bin`), resolved as a URL parser would.
  return merged.startsWith(indexPath) || new URL(merged, 'http://index.invalid').pathname.startsWith(indexPath);
}
