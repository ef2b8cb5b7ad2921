import { checkCall } from '../arguments.js'; /** MLflow's `utc_time_created`: `str(datetime.now(timezone.utc).replace(tzinfo=None))`. */
export function formatUtcTimeCreated(date: Date): string {
  checkCall('formatUtcTimeCreated', arguments, 1);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  // JS clocks have millisecond resolution; Python prints microseconds, so pad with zeros.
  return (
    `${date.getUTCFullYear()}-${p(date.getUTCMonth() + 1)}-${p(date.getUTCDate())} ` +
    `${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}.${p(date.getUTCMilliseconds(), 3)}000`
  );
}

/** Python's str(datetime) omits the fraction when it is zero, so both forms are valid. */
export const UTC_TIME_CREATED_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{6})?$/;
