import { displayDateTime, isoInZone } from '@/lib/format';

export function PostDate({ date, className }: { date: number; className?: string }) {
  return (
    <time dateTime={isoInZone(date)} className={className}>
      {displayDateTime(date)}
    </time>
  );
}
