"""HTTP from Python through the browser's fetch: `pyfetch`, `FetchResponse`, and `open_url`.

Not imported with `pyodide` (start-up does not need it): `from pyodide.http import pyfetch` imports it. No JS value
is kept at module level (`fetch`, `Object` are looked up per call): a JsProxy held for good would count as a leak.
"""

from _pyrt import JsException, to_js

from ._packages import open_url

__all__ = ["FetchResponse", "open_url", "pyfetch"]

# For raise_for_status when the response has no status text (HTTP/2 has none); http.HTTPStatus is in the stdlib's
# second download, too much to fetch for a message.
_REASONS = {
    400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
    406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 413: "Content Too Large",
    415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout",
}


class FetchResponse:
    """A fetch's JS `Response`, read from Python. The body can be read once (`clone()` first to read it twice)."""

    def __init__(self, url: str, js_response):
        self._url = url
        self.js_response = js_response

    def __repr__(self):
        return f"<FetchResponse [{self.status}] {self.url}>"

    @property
    def ok(self) -> bool:
        """Whether the status is in 200-299."""
        return bool(self.js_response.ok)

    @property
    def status(self) -> int:
        return int(self.js_response.status)

    @property
    def status_text(self) -> str:
        return self.js_response.statusText

    @property
    def url(self) -> str:
        """The response's URL, after any redirects (the URL asked for, if the response has none)."""
        return self.js_response.url or self._url

    @property
    def redirected(self) -> bool:
        return bool(self.js_response.redirected)

    @property
    def type(self) -> str:
        """'basic', 'cors', 'opaque', ...: what the browser lets the page see of the response."""
        return self.js_response.type

    @property
    def headers(self) -> dict[str, str]:
        """The response's headers (the browser's lower-case names), as a new dict. A response from another origin
        shows only the headers its server exposes (CORS)."""
        from js import Object

        return Object.fromEntries(self.js_response.headers).to_py()

    @property
    def body_used(self) -> bool:
        return bool(self.js_response.bodyUsed)

    def _check_body_unread(self) -> None:
        if self.js_response.bodyUsed:
            raise OSError("the response body was already read (call clone() before reading it, to read it twice)")

    async def _read(self, method: str):
        self._check_body_unread()
        try:
            return await getattr(self.js_response, method)()
        except JsException as e:
            raise OSError(f"could not read the response from {self._url}: {e}") from None

    async def buffer(self):
        """The body as the JS ArrayBuffer (a JsProxy)."""
        return await self._read("arrayBuffer")

    async def memoryview(self) -> memoryview:
        """The body as a memoryview (a copy of the JS bytes)."""
        return (await self.buffer()).to_py()

    async def bytes(self) -> bytes:
        return bytes(await self.memoryview())

    async def text(self) -> str:
        """The body decoded as UTF-8 text."""
        return await self._read("text")

    async def string(self) -> str:
        """The same as text()."""
        return await self.text()

    async def json(self, **kwargs):
        """The body parsed as JSON by Python's json.loads, which takes `kwargs`."""
        import json

        return json.loads(await self.text(), **kwargs)

    def clone(self) -> "FetchResponse":
        """A copy whose body can be read separately (before either body is read)."""
        self._check_body_unread()
        return FetchResponse(self._url, self.js_response.clone())

    def raise_for_status(self) -> None:
        """OSError for an error status (400-599), worded as requests' raise_for_status; nothing otherwise."""
        status = self.status
        if 400 <= status < 600:
            kind = "Client" if status < 500 else "Server"
            reason = self.status_text or _REASONS.get(status, "")
            raise OSError(f"{status} {kind} Error: {reason} for url: {self.url}")

    async def unpack_archive(self, *, extract_dir=None, format=None) -> None:
        """Unpacks the body, an archive, into `extract_dir` (the working folder by default) with
        shutil.unpack_archive; without `format`, the URL's file name says which (.zip, .tar.gz, ...)."""
        import os
        import shutil
        import tempfile

        data = await self.bytes()
        name = self._url.split("?")[0].split("#")[0].rstrip("/").rpartition("/")[2]
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, name or "archive")
            with open(path, "wb") as f:
                f.write(data)
            shutil.unpack_archive(path, extract_dir, format)


async def pyfetch(url: str, **kwargs) -> FetchResponse:
    """Fetches `url` with the browser's fetch(url, options): the keyword arguments are its options (method, headers,
    body, credentials, ...), converted to a JS object. Raises OSError when the request fails (no answer: network,
    CORS); an error status is a response (see raise_for_status)."""
    import js

    url = str(url)
    options = to_js(kwargs, create_pyproxies=False, dict_converter=js.Object.fromEntries)
    try:
        response = await js.fetch(url, options)
    except JsException as e:
        raise OSError(f"could not fetch {url}: {e}") from None
    return FetchResponse(url, response)
