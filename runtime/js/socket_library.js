// An Emscripten JS library (linked with --js-library): a socket call of Emscripten 3.1.6 that misbehaves.
//
// getsockname() printed "__syscall_getsockname <fd>" on stderr (a debugging line left in Emscripten's
// library_syscall.js) at every call: Python's socket.connect() makes one, so each failed connection showed that line
// above the error. The same call without the line. A library given after Emscripten's replaces its function as
// written, without the wrapper Emscripten puts around its own syscalls, so the error handling is spelled out: a bad
// descriptor is an errno for C, never a JS exception into wasm.
mergeInto(LibraryManager.library, {
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
});
