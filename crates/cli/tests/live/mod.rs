//! Helpers of the live-following tests: a `newsgraph serve` child process, a
//! tiny HTTP client for its API, and article pages and feeds for the test
//! server. No network: everything runs on 127.0.0.1.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `newsgraph serve`; killed (SIGKILL) when dropped.
pub struct Serve {
    pub child: Child,
    pub addr: SocketAddr,
}

impl Serve {
    /// Starts `newsgraph serve --data DIR --addr 127.0.0.1:0 ARGS...` and waits for its address.
    pub fn start(data: &Path, args: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["serve", "--data", data.to_str().unwrap(), "--addr", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start newsgraph serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(20)).expect("serve prints its address");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Serve { child, addr }
    }

    pub fn get_json(&self, path: &str) -> serde_json::Value {
        let (status, body) = request(self.addr, "GET", path, None);
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
    }

    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> (u16, String) {
        request(self.addr, "POST", path, Some(&body.to_string()))
    }

    /// Ids of the articles a search for `word` finds.
    pub fn search(&self, word: &str) -> Vec<String> {
        let found = self.get_json(&format!("/api/search?q={word}&size=100"));
        found["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_string()).collect()
    }

    /// Waits until a search for `word` finds something; how long it took, or `None` past `limit`.
    pub fn wait_found(&self, word: &str, since: Instant, limit: Duration) -> Option<Duration> {
        while since.elapsed() < limit {
            if !self.search(word).is_empty() {
                return Some(since.elapsed());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One HTTP/1.1 request; (status, body).
pub fn request(addr: SocketAddr, method: &str, path: &str, json: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect to serve");
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let body = json.unwrap_or("");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let status = reply.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = reply.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
    (status, body)
}

/// A small article page; `word` is a made-up word that only it contains.
pub fn article(word: &str) -> String {
    let body: String = (0..4)
        .map(|i| {
            format!(
                "<p>The {word} report continued on Monday in Porto as officials met for the {i}th time. \
                 Ana Costa, the mayor, said the plan had been difficult but useful for everyone involved.</p>"
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html><html><head><title>News of {word}</title></head>\
         <body><nav>Home | World</nav><article><h1>News of {word}</h1>{body}</article></body></html>"
    )
}

/// An RSS feed linking `links`.
pub fn rss(links: &[String]) -> String {
    let items: String = links
        .iter()
        .map(|link| format!("<item><title>Item</title><link>{link}</link><description>Short.</description></item>"))
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>{items}</channel></rss>")
}

/// The made-up word of item `n` (letters only: one token, stemmed to itself).
pub fn word(n: usize) -> String {
    let letters: String = n.to_string().chars().map(|d| (b'a' + d as u8 - b'0') as char).collect();
    format!("zorvex{letters}q")
}
