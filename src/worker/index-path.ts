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
  return merged.startsWith(indexPath) || withoutDotSegments(merged).startsWith(indexPath);
}

/**
 * Resolves `.` and `..` segments that only appear once decoded
 * (`/..%2Fsearch-index.bin`), on the string itself: a URL parser would take
 * a decoded `?` or `#` for the start of a query or fragment.
 */
function withoutDotSegments(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.') out.push(segment);
  }
  return `/${out.filter((s, i) => s !== '' || i === out.length - 1).join('/')}`;
}
