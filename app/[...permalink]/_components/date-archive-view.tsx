import {
  ArchiveCrossLinks,
  hasCrossLinks,
} from '@/app/[...permalink]/_components/archive-cross-links';
import { archiveHeading, archiveSelf } from '@/app/[...permalink]/_components/archive-metadata';
import { ArchiveNeighbours } from '@/app/[...permalink]/_components/archive-neighbours';
import { ArchiveTrail } from '@/app/[...permalink]/_components/archive-trail';
import { MonthCalendar } from '@/app/[...permalink]/_components/month-calendar';
import { YearMonths } from '@/app/[...permalink]/_components/year-months';
import { Listing } from '@/components/listing';
import type { DateArchive } from '@/lib/date-archive';

/** A day's posts, a month's calendar or a year's months, with the way up and to the neighbours. */
export function DateArchiveView({ archive }: { archive: DateArchive }) {
  const category = archive.term?.name ?? null;
  const heading = archiveHeading(archive);
  const intro = `共 ${archive.total} 篇`;
  const aside = hasCrossLinks(archive) ? <ArchiveCrossLinks archive={archive} /> : null;
  return (
    <>
      <ArchiveTrail archive={archive} />
      {archive.unit === 'day' ? (
        <Listing
          heading={heading}
          intro={intro}
          aside={aside}
          list={archive.list}
          href={(page) => archiveSelf(archive, page)}
        />
      ) : (
        <section>
          <h1 className="text-ink text-2xl font-bold break-words">{heading}</h1>
          <p className="text-faint mt-1 text-sm">{intro}</p>
          {aside ? <div className="text-muted mt-1 text-sm">{aside}</div> : null}
          {archive.unit === 'month' ? (
            <MonthCalendar month={archive.range} days={archive.days} category={category} />
          ) : (
            <YearMonths months={archive.months} category={category} />
          )}
        </section>
      )}
      <ArchiveNeighbours archive={archive} />
    </>
  );
}
