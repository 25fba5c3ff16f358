// Publishing a change: re-index exactly the named content files and work out every page they
// touch, before and after the change (an earlier background scan may already have applied it:
// the index keeps what each post was before its last change).
import 'server-only';

import type { ContentIndex } from '@/lib/content/db';
import { currentPlaces, takePreviousPlaces } from '@/lib/content/history';
import { categoryNames, NAMES_FILE } from '@/lib/content/names';
import { listProblems } from '@/lib/content/reads';
import { scanContent, type ScanReport } from '@/lib/content/scan';
import { changedArchives, changedLists, pagesToRevalidate } from '@/lib/publish/pages';
import type { Published } from '@/lib/publish/requests';
import type { ContentError } from '@/lib/types';

export type Publication = {
  scan: ScanReport;
  /** Paths to revalidate (percent-encoded), and route patterns for lists too long to name. */
  paths: string[];
  patterns: string[];
  /** Problems found in the named files. */
  problems: ContentError[];
  /** The category names changed: every page shows them, so every page is revalidated. */
  everything: boolean;
};

export async function publishChanges(
  index: ContentIndex,
  named: Published,
  opts: { pageSize: number; now?: number },
): Promise<Publication> {
  if (named === 'pages') {
    const scan = {
      added: 0,
      changed: 0,
      removed: 0,
      scanned: 0,
      ms: 0,
      touched: [],
      bulk: false,
      unreadable: [],
    };
    return { scan, paths: [], patterns: [], problems: [], everything: true };
  }
  let files = named === 'all' ? [] : named;
  const names = files.includes(NAMES_FILE);
  if (names) files = files.filter((file) => file !== NAMES_FILE);
  const scan = await scanContent(index, named === 'all' ? undefined : files);
  // A bulk scan (the whole folder, or thousands of files) may have changed any page.
  const everything = names || scan.bulk;
  if (scan.bulk) {
    return { scan, paths: [], patterns: [], problems: [], everything };
  }
  const now = opts.now ?? Date.now();
  const places = [...takePreviousPlaces(index, files), ...currentPlaces(index, files)];
  const lists = changedLists(index, places, { pageSize: opts.pageSize, now });
  const archives = changedArchives(index, places, { pageSize: opts.pageSize, now });
  const problems = listProblems(index).filter((p) => files.includes(p.file));
  if (names) problems.push(...categoryNames(index.contentDir).problems);
  return { scan, ...pagesToRevalidate(places, lists, archives), problems, everything };
}
