// An Emscripten JS library (linked with --js-library): C library functions of Emscripten 3.1.6 that misbehave, replaced.
// A library given after Emscripten's replaces its functions as written, without the wrapper Emscripten puts around its
// own syscalls, so their error handling is spelled out: a bad descriptor is an errno for C, never a JS exception into
// wasm.
mergeInto(LibraryManager.library, {
  // getsockname() printed "__syscall_getsockname <fd>" on stderr (a debugging line left in Emscripten's
  // library_syscall.js) at every call: Python's socket.connect() makes one, so each failed connection showed that line
  // above the error. The same call without the line.
  __syscall_getsockname__deps: ["$getSocketFromFD", "$writeSockaddr", "$DNS", "$FS"],
  __syscall_getsockname: function (fd, addr, addrlen) {
    try {
      var sock = getSocketFromFD(fd);
      var errno = writeSockaddr(addr, sock.family, DNS.lookup_name(sock.saddr || "0.0.0.0"), sock.sport, addrlen);
      return errno ? -errno : 0;
    } catch (e) {
      if (!(e instanceof FS.ErrnoError)) throw e;
      return -e.errno; // C's syscalls return errors negated
    }
  },

  // getentropy(), where os.urandom(), secrets and random's seeding get their bytes: Emscripten's asked the browser
  // for one byte at a time, ~1-2 MB a second (os.urandom of 30 MB took ~30 s). The browser's crypto fills up to
  // 64 KiB a call (its limit); a copy goes into wasm memory, which crypto may refuse to write directly when shared.
  getentropy__deps: ["$getRandomDevice"],
  getentropy: function (buffer, size) {
    if (typeof crypto != "object" || typeof crypto.getRandomValues != "function") {
      var device = getRandomDevice();
      for (var i = 0; i < size; i++) HEAPU8[buffer + i] = device();
      return 0;
    }
    for (var done = 0; done < size; done += 65536) {
      var chunk = new Uint8Array(Math.min(65536, size - done));
      crypto.getRandomValues(chunk);
      HEAPU8.set(chunk, buffer + done);
    }
    return 0;
  },
});
