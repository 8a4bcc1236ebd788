//! `kokoku serve`: the checker in the browser, for people who never open a terminal. A
//! small HTTP server on 127.0.0.1 serves one embedded page and a JSON API over the same
//! linting core as the command line; the copy goes no further than this process.
//!
//! A front end (the top layer): may import any layer of the library.

mod api;
mod guard;

use std::io::Read;
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::config::Setup;
use guard::{Refusal, Token};

/// The largest request body taken (a pasted page is far smaller; the limit keeps one
/// request from holding the memory of the PC).
pub const MAX_BODY: usize = 8 * 1024 * 1024;

/// Requests handled side by side: a check takes milliseconds, so a few suffice for the
/// page's debounced re-checks and an API client or two.
const HANDLERS: usize = 4;

/// The page and its assets, built into the binary: nothing is fetched from elsewhere.
const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const APP_CSS: &str = include_str!("page/app.css");

/// Every response forbids loading anything from another origin.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A bound server with its run's secret.
pub struct WebChecker {
    server: Arc<Server>,
    port: u16,
    token: Token,
}

impl WebChecker {
    /// Listens on 127.0.0.1 only (port 0: any free port).
    pub fn bind(port: u16) -> Result<Self, String> {
        let server =
            Server::http(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = (server.server_addr().to_ip())
            .map(|address| address.port())
            .ok_or("the server has no TCP address")?;
        Ok(Self {
            server: Arc::new(server),
            port,
            token: Token::random(),
        })
    }

    /// The page's address, with the token that admits requests.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token.as_str())
    }

    /// Answers requests until the process ends, checking copy with `setup`'s linter and
    /// config. A request that cannot be answered is refused with a status; none ends
    /// the process.
    pub fn run(&self, setup: &Setup) {
        std::thread::scope(|scope| {
            for _ in 0..HANDLERS {
                scope.spawn(|| {
                    while let Ok(request) = self.server.recv() {
                        self.answer(request, setup);
                    }
                });
            }
        });
    }

    fn answer(&self, mut request: Request, setup: &Setup) {
        let response = match self.route(&mut request, setup) {
            Ok(response) => response,
            Err(refusal) => text(refusal.status, &refusal.message, "text/plain; charset=utf-8"),
        };
        // The browser may have gone (a re-check superseded): nothing to tell it.
        let _ = request.respond(response);
    }

    fn route(&self, request: &mut Request, setup: &Setup) -> Result<Response<std::io::Cursor<Vec<u8>>>, Refusal> {
        let host = header(request, "Host");
        guard::check_host(host, self.port)?;
        let (path, query) = request.url().split_once('?').unwrap_or((request.url(), ""));
        let path = path.to_string();
        let given = header(request, "X-Kokoku-Token").or_else(|| guard::query_token(query));
        let admitted = || self.token.admits(given);
        match (request.method(), path.as_str()) {
            (Method::Get, "/app.js") => Ok(text(200, APP_JS, "text/javascript; charset=utf-8")),
            (Method::Get, "/app.css") => Ok(text(200, APP_CSS, "text/css; charset=utf-8")),
            (Method::Get, "/") => admitted().map(|()| text(200, INDEX_HTML, "text/html; charset=utf-8")),
            (Method::Get, "/api/rules") => {
                admitted()?;
                Ok(text(200, &api::rules(setup), "application/json"))
            }
            (Method::Post, "/api/check") => {
                admitted()?;
                let body = body(request)?;
                let answer = api::check(&body, setup)?;
                Ok(text(200, &answer, "application/json"))
            }
            (_, "/" | "/app.js" | "/app.css" | "/api/rules" | "/api/check") => {
                Err(Refusal::new(405, "method not allowed"))
            }
            _ => Err(Refusal::new(404, "not found")),
        }
    }
}

fn header<'r>(request: &'r Request, name: &'static str) -> Option<&'r str> {
    (request.headers().iter())
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// The request's body, up to [`MAX_BODY`] bytes.
fn body(request: &mut Request) -> Result<Vec<u8>, Refusal> {
    let too_large = || Refusal::new(413, &format!("the body is over the {MAX_BODY}-byte limit"));
    if request.body_length().is_some_and(|length| length > MAX_BODY) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    (request.as_reader().take(MAX_BODY as u64 + 1))
        .read_to_end(&mut body)
        .map_err(|e| Refusal::new(400, &format!("cannot read the body: {e}")))?;
    match body.len() > MAX_BODY {
        true => Err(too_large()),
        false => Ok(body),
    }
}

fn text(status: u16, body: &str, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let headers = [
        ("Content-Type", content_type),
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ];
    // Whole bodies with a Content-Length: simpler for every client than chunks.
    let mut response = (Response::from_data(body.as_bytes().to_vec()))
        .with_status_code(status)
        .with_chunked_threshold(usize::MAX);
    for (field, value) in headers {
        // Fixed ASCII names and values: always valid headers.
        if let Ok(header) = Header::from_bytes(field.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}
