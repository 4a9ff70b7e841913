"""http.client over the browser's own HTTP, so that urllib.request.urlopen and http.client work in a browser.

A browser gives Python no sockets, and this build has no ssl module, so CPython's HTTPConnection cannot connect and
urllib has no https at all. Once http.client is imported (afterimport.py), its HTTPConnection and HTTPSConnection
become classes with the same interface that make each request with a synchronous XMLHttpRequest, and hand back a
real http.client.HTTPResponse built from what the browser answered. The browser's rules apply: a cross-origin
server must allow the request (CORS), it follows redirects itself, and it sets some headers itself (Host,
User-Agent, Accept-Encoding, Content-Length, cookies), so those given by Python are left out. Node has no
synchronous HTTP, so there http.client is left as it is.
"""

import io

# Headers a page may not set (the Fetch standard's forbidden request headers): the browser sets them itself.
_FORBIDDEN = frozenset({
    "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
    "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin",
    "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "via",
})
# Response headers that describe the bytes on the wire, which the browser has already undone.
_WIRE_HEADERS = frozenset({"content-length", "content-encoding", "transfer-encoding"})


def install(http_client) -> None:
    """Replaces http.client's connections with the browser's, where the host can make synchronous requests."""
    from .jsfinder import host_services

    if not host_services().can_request_sync:
        return

    # Subclasses of CPython's HTTPConnection, so that its helpers (urllib calls _get_content_length on the class)
    # and isinstance checks work; every method that would touch a socket is the browser's.
    class HTTPConnection(BrowserConnection, http_client.HTTPConnection):
        _http_client = http_client
        default_port = http_client.HTTP_PORT
        scheme = "http"

    class HTTPSConnection(HTTPConnection):
        """TLS is the browser's."""

        default_port = http_client.HTTPS_PORT
        scheme = "https"

    http_client.HTTPConnection = HTTPConnection
    http_client.HTTPSConnection = HTTPSConnection


class _RecordedResponse:
    """What http.client.HTTPResponse reads its status line, headers and body from (it wants a socket's makefile)."""

    def __init__(self, data: bytes):
        self._data = data

    def makefile(self, mode="rb", *args, **kwargs):
        return io.BytesIO(self._data)

    def close(self):
        pass


class BrowserConnection:
    """http.client.HTTPConnection's interface over the browser's HTTP (mixed in by install())."""

    def __init__(self, host, port=None, timeout=None, source_address=None, blocksize=8192, **_kwargs):
        # ssl `context` and `check_hostname` (HTTPSConnection's) are the browser's to decide.
        self.host, self.port = self._split_host(host, port)
        self.timeout = timeout
        self.debuglevel = 0
        self.sock = None  # urllib closes it after a response: there is none to close
        self._request = None  # [method, url, header lines]
        self._response = None

    def _split_host(self, host, port):
        if port is None:
            bracket = host.rfind("]")
            colon = host.rfind(":")
            if colon > bracket and host[colon + 1:].isdigit():
                host, port = host[:colon], int(host[colon + 1:])
            else:
                port = self.default_port
        return host, int(port)

    def set_debuglevel(self, level):
        self.debuglevel = level

    def set_tunnel(self, host, port=None, headers=None):
        raise self._http_client.HTTPException("proxies and tunnels cannot be used from a browser")

    def connect(self):
        pass  # each request connects by itself

    def close(self):
        self._request = None

    def _url(self, selector: str) -> str:
        if "://" in selector:
            return selector  # an absolute URL (a request through a proxy)
        default = self.port == self.default_port
        netloc = self.host if default else f"{self.host}:{self.port}"
        if ":" in self.host and not self.host.startswith("["):
            netloc = f"[{self.host}]" if default else f"[{self.host}]:{self.port}"
        return f"{self.scheme}://{netloc}{selector or '/'}"

    def putrequest(self, method, url, skip_host=False, skip_accept_encoding=False):
        if self._response is not None and not self._response.isclosed():
            raise self._http_client.CannotSendRequest("the previous response has not been read")
        self._request = [method, self._url(url), []]
        self._response = None

    def putheader(self, header, *values):
        if self._request is None:
            raise self._http_client.CannotSendHeader()
        if isinstance(header, bytes):
            header = header.decode("latin-1")
        value = "\r\n\t".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values)
        name = header.strip().lower()
        if name not in _FORBIDDEN and not name.startswith(("proxy-", "sec-")):
            self._request[2].append(f"{header.strip()}: {value}")

    def endheaders(self, message_body=None, *, encode_chunked=False):
        if self._request is None:
            raise self._http_client.CannotSendHeader()
        self._send(_body_bytes(message_body))

    def request(self, method, url, body=None, headers=None, *, encode_chunked=False):
        self.putrequest(method, url)
        for name, value in (headers or {}).items():
            self.putheader(name, value)
        if isinstance(body, str):
            body = body.encode("iso-8859-1")  # as http.client encodes a str body
        self.endheaders(body)

    def send(self, data):
        raise NotImplementedError("over the browser's HTTP, a request's body goes whole to request() or endheaders()")

    def _send(self, body):
        method, url, headers = self._request
        self._request = None
        from pyodide import JsException, to_js

        from .jsfinder import host_services

        timeout_ms = int(self.timeout * 1000) if isinstance(self.timeout, (int, float)) and self.timeout > 0 else 0
        try:
            # Looked up per request, not kept: a JS function held for good would count as a leak.
            answer = host_services().request_sync(
                method, url, "\r\n".join(headers), to_js(body) if body else None, timeout_ms
            )
        except JsException:
            # As from a socket: urllib turns this into URLError. (The browser's own error says no more than this.)
            raise ConnectionError(
                f"the browser could not fetch {url}: the server is unreachable, or it does not allow requests from "
                f"this page's origin (CORS)"
            ) from None
        self._response = self._make_response(method, answer)

    def _make_response(self, method, answer):
        status = int(answer.status)
        reason = answer.statusText or self._reason(status)
        lines = [f"HTTP/1.1 {status} {reason}"]
        for line in str(answer.headers).split("\r\n"):
            name, colon, value = line.partition(":")
            if colon and name.strip().lower() not in _WIRE_HEADERS:
                lines.append(f"{name.strip()}: {value.strip()}")
        body = bytes(answer.body.to_py())
        lines.append(f"Content-Length: {len(body)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", errors="replace")
        response = self._http_client.HTTPResponse(_RecordedResponse(head + body), self.debuglevel, method=method)
        response.begin()
        return response

    def _reason(self, status):
        try:
            return self._http_client.responses[status]
        except KeyError:
            return ""

    def getresponse(self):
        if self._response is None:
            raise self._http_client.ResponseNotReady("no request was sent")
        response, self._response = self._response, None
        return response


def _body_bytes(body):
    if body is None:
        return b""
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if isinstance(body, str):
        return body.encode("iso-8859-1")
    if hasattr(body, "read"):
        data = body.read()
        return data.encode("iso-8859-1") if isinstance(data, str) else bytes(data)
    return b"".join(part.encode("iso-8859-1") if isinstance(part, str) else bytes(part) for part in body)
