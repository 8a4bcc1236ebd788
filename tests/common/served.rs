//! `kokoku serve` as a user starts it, and plain HTTP/1.1 requests to it over a socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// A running `kokoku serve`, stopped when dropped.
pub struct Served {
    child: Child,
    pub port: u16,
    pub token: String,
    pub url: String,
}

impl Served {
    /// Starts the server on a free port, with no config, and reads the address it prints.
    pub fn start() -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kokoku"))
            .args(["--isolated", "serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("kokoku serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first.trim().to_string();
        let rest = url
            .strip_prefix("http://127.0.0.1:")
            .unwrap_or_else(|| panic!("address: {url:?}"));
        let (port, token) = rest.split_once("/?token=").unwrap();
        Self {
            port: port.parse().unwrap(),
            token: token.to_string(),
            url: url.clone(),
            child,
        }
    }

    /// Whether the process is still serving.
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// A request with the right Host and the token in the header.
    pub fn call(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        let token = format!("X-Kokoku-Token: {}", self.token);
        request(
            self.port,
            method,
            path,
            &[&format!("Host: {}", self.host()), &token],
            body,
        )
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers (lower-cased names) and body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        (self.headers.iter()).find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Sends one request with exactly these header lines (no Host unless given) on a new
/// connection, and reads the answer to the end.
pub fn request(port: u16, method: &str, path: &str, headers: &[&str], body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for header in headers {
        head.push_str(&format!("{header}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A refused body may be cut off by the server: the answer still comes.
    let _ = stream.write_all(body);
    // Read the head, then as many bytes as it says: a server may keep the connection.
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = (status_line.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no answer: {status_line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let Some((name, value)) = line.split_once(':') else {
            break;
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length = (headers.iter())
        .find(|(n, _)| n == "content-length")
        .map(|(_, v)| v.parse().unwrap());
    let mut raw = Vec::new();
    match length {
        Some(length) => {
            raw.resize(length, 0);
            reader.read_exact(&mut raw).unwrap();
        }
        None => {
            let _ = reader.read_to_end(&mut raw);
        }
    }
    let body = String::from_utf8_lossy(&raw).into_owned();
    Answer { status, headers, body }
}
