// The local time zone as C's tzset() gives it (read by js/tzset_library.js, an Emscripten library): offset, whether
// there is daylight saving time, and short names as POSIX systems have them.

export interface LocalTimeZone {
  /** Seconds west of UTC, in standard time. */
  secondsWest: number;
  /** 1 if the zone has daylight saving time, else 0. */
  daylight: number;
  standardName: string;
  daylightName: string;
}

/**
 * The local zone from January 1 and July 1 of this year. Zones are named by their offset, as tzdata names zones
 * without an abbreviation ("+01", "-0330"), and UTC as "UTC". Abbreviations such as "CET" would need Intl, whose
 * first use costs ~20 ms of every load (measured in Chromium), and the browser's own long names
 * ("Central European Standard Time") are in the user's language and longer than C programs expect.
 */
export function localTimeZone(): LocalTimeZone {
  const year = new Date().getFullYear();
  const winter = new Date(year, 0, 1).getTimezoneOffset();
  const summer = new Date(year, 6, 1).getTimezoneOffset();
  // getTimezoneOffset() is minutes west; daylight saving time is the smaller one.
  const standard = Math.max(winter, summer);
  const daylightSaving = Math.min(winter, summer);
  const daylight = winter === summer ? 0 : 1;
  const utc = daylight === 0 && standard === 0;
  return {
    secondsWest: standard * 60,
    daylight,
    standardName: utc ? "UTC" : offsetName(standard),
    daylightName: utc ? "UTC" : offsetName(daylightSaving),
  };
}

/** "+09", "-0330": the offset east of UTC, as tzdata writes it. */
function offsetName(minutesWest: number): string {
  const east = -minutesWest;
  const hours = String(Math.floor(Math.abs(east) / 60)).padStart(2, "0");
  const minutes = Math.abs(east) % 60;
  return (east < 0 ? "-" : "+") + hours + (minutes ? String(minutes).padStart(2, "0") : "");
}
