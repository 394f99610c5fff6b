// The names an attendee's downloads get: `<event-name>-<yyyy-mm-dd>-<n>.jpg` for one original
// and `<event-name>-<yyyy-mm-dd>.zip` for all of them, so a phone's Downloads folder says what
// and when rather than a row of ids. Dates are the venue's (the server's local time).

const MAX_STEM = 60;
// Characters no file system takes, controls, and what would end a quoted header value.
const ILLEGAL = /[\\/:*?"<>|\p{Cc}\p{Cf}]+/gu;

/** The event's name as the start of a file name (Unicode kept; spaces become dashes). */
export function fileStem(eventName: string): string {
  const stem = eventName
    .normalize('NFC')
    .replace(ILLEGAL, '-')
    .replace(/\s+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return (
    [...stem]
      .slice(0, MAX_STEM)
      .join('')
      .replace(/[-.]+$/, '') || 'findme'
  );
}

/** yyyy-mm-dd of a time in the server's time zone. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** One original: `n` is the photo's place in the attendee's gallery, oldest first, from 1. */
export function photoDownloadName(eventName: string, takenAt: number, n: number, ext: string): string {
  return `${fileStem(eventName)}-${localDate(takenAt)}-${n}${ext}`;
}

export function zipDownloadName(eventName: string, at: number): string {
  return `${fileStem(eventName)}-${localDate(at)}.zip`;
}
