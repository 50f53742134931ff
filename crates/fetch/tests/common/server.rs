//! A tiny HTTP/1.1 server on 127.0.0.1 for tests that must not touch the network.
//!
//! Each connection gets a thread and one response (`Connection: close`), so a
//! server that hangs on one path still answers the others. The handler decides
//! per request; the server records every request it saw and counts the body
//! bytes it streamed, so tests can check what the client really asked and read.
//! Shared by the fetch crate's tests and the CLI's ingest tests (`#[path]`).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Request {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub enum Reply {
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Accept the request and never answer (until the client gives up).
    Hang,
    /// 200 with a body that never ends; `declared` sends that Content-Length.
    Endless {
        declared: Option<u64>,
    },
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full { status: 200, headers: vec![("Content-Type".into(), content_type.into())], body: body.into() }
    }

    pub fn status(status: u16) -> Reply {
        Reply::Full { status, headers: vec![], body: format!("status {status}").into_bytes() }
    }

    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Full { status, mut headers, body } => {
                headers.push((name.into(), value.into()));
                Reply::Full { status, headers, body }
            }
            other => other,
        }
    }
}

pub struct Server {
    pub addr: SocketAddr,
    log: Arc<Mutex<Vec<Request>>>,
    streamed: Arc<AtomicU64>,
}

impl Server {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let addr = listener.local_addr().expect("local address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let streamed = Arc::new(AtomicU64::new(0));
        let handler = Arc::new(handler);
        let (log2, streamed2) = (Arc::clone(&log), Arc::clone(&streamed));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (handler, log, streamed) = (Arc::clone(&handler), Arc::clone(&log2), Arc::clone(&streamed2));
                std::thread::spawn(move || serve(stream, &*handler, &log, &streamed));
            }
        });
        Server { addr, log, streamed }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    pub fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }

    /// Body bytes written by `Reply::Endless` responses so far.
    pub fn streamed(&self) -> u64 {
        self.streamed.load(Ordering::SeqCst)
    }
}

fn serve(stream: TcpStream, handler: &dyn Fn(&Request) -> Reply, log: &Mutex<Vec<Request>>, streamed: &AtomicU64) {
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {
                if let Some((n, v)) = header.split_once(':') {
                    headers.push((n.trim().to_string(), v.trim().to_string()));
                }
            }
        }
    }
    let request = Request { path, headers };
    if let Ok(mut l) = log.lock() {
        l.push(request.clone());
    }
    let mut stream = stream;
    match handler(&request) {
        Reply::Full { status, headers, body } => {
            let mut head = format!("HTTP/1.1 {status} {}\r\nConnection: close\r\n", reason(status));
            if status != 304 {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            for (n, v) in headers {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            if status != 304 {
                let _ = stream.write_all(&body);
            }
        }
        Reply::Hang => {
            // Hold the connection open without a byte; the client's timeout must end it.
            let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
            let mut buf = String::new();
            let _ = reader.read_line(&mut buf);
        }
        Reply::Endless { declared } => {
            let mut head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n".to_string();
            if let Some(length) = declared {
                head.push_str(&format!("Content-Length: {length}\r\n"));
            }
            head.push_str("\r\n");
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = b"<p>never ending news</p>\n".repeat(2621); // ~64 KiB
            while stream.write_all(&chunk).is_ok() {
                streamed.fetch_add(chunk.len() as u64, Ordering::SeqCst);
            }
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
