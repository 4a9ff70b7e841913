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

// Locales whose time zone names include abbreviations for zones of their region (en-US: UTC, GMT and the American
// ones; en-GB: the European ones; and so on); the user's own locale is tried first.
const ABBREVIATING_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN", "en-CA", "en-ZA", "en-SG", "ja-JP", "pt-BR"];

/**
 * The local zone from January 1 and July 1 of this year. Intl's first use costs ~20 ms, so loadPyodide calls this
 * while its files download.
 */
export function localTimeZone(): LocalTimeZone {
  const year = new Date().getFullYear();
  const winter = new Date(year, 0, 1);
  const summer = new Date(year, 6, 1);
  // getTimezoneOffset() is minutes west; daylight saving time is the smaller one.
  const standard = winter.getTimezoneOffset() >= summer.getTimezoneOffset() ? winter : summer;
  const daylight = standard === winter ? summer : winter;
  return {
    secondsWest: standard.getTimezoneOffset() * 60,
    daylight: winter.getTimezoneOffset() === summer.getTimezoneOffset() ? 0 : 1,
    standardName: shortName(standard),
    daylightName: shortName(daylight),
  };
}

/** "CET", "PDT", "UTC" where a locale knows the abbreviation, else the offset as tzdata writes it ("+09", "-0330"). */
function shortName(date: Date): string {
  for (const locale of [undefined, ...ABBREVIATING_LOCALES]) {
    try {
      const parts = new Intl.DateTimeFormat(locale, { timeZoneName: "short" }).formatToParts(date);
      const name = parts.find((part) => part.type === "timeZoneName")?.value ?? "";
      if (/^[A-Z]{3,5}$/.test(name)) return name;
    } catch {
      break; // no Intl time zone names in this engine
    }
  }
  const east = -date.getTimezoneOffset();
  const hours = String(Math.floor(Math.abs(east) / 60)).padStart(2, "0");
  const minutes = Math.abs(east) % 60;
  return (east < 0 ? "-" : "+") + hours + (minutes ? String(minutes).padStart(2, "0") : "");
}
