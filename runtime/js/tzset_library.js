// An Emscripten JS library (linked with --js-library): replaces the one function of Emscripten's that sets the local
// time zone for C (timezone, daylight, tzname) with the values the TypeScript half worked out (js/timezone.ts), so
// that zones have short names, as on POSIX systems ("+01", not Emscripten 3.1.6's "Central European Standard Time",
// of which CPython keeps 9 characters in time.tzname).
mergeInto(LibraryManager.library, {
  tzset_impl: function (timezone, daylight, tzname) {
    var zone = pyrt.timeZone;
    HEAP32[timezone >> 2] = zone.secondsWest;
    HEAP32[daylight >> 2] = zone.daylight;
    // allocateUTF8 is in Emscripten's preamble: no dependency to declare.
    HEAP32[tzname >> 2] = allocateUTF8(zone.standardName);
    HEAP32[(tzname + 4) >> 2] = allocateUTF8(zone.daylightName);
  },
});
