//! search-api: HTTP API on the standard library (no crates: nothing to download, builds offline).
//!
//! `search-api healthcheck` is the image HEALTHCHECK: it exits 0 while /health answers 200,
//! so the distroless runtime needs no curl.

mod shutdown;

use std::io::{self, BufRead, BufReader, ErrorKind, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::thread;
use std::time::Duration;

const HEALTH_PATH: &str = "/health";
const DEFAULT_PORT: u16 = 8080;

fn port() -> u16 {
    std::env::var("PORT").ok().and_then(|value| value.parse().ok()).unwrap_or(DEFAULT_PORT)
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("healthcheck") {
        return healthcheck();
    }
    match serve() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("server failed: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Accepts connections until SIGTERM or SIGINT; each request is handled on its own thread.
fn serve() -> io::Result<()> {
    shutdown::install();
    let listener = TcpListener::bind(("0.0.0.0", port()))?;
    // Non-blocking accept, so the loop notices a stop request within 50 ms.
    listener.set_nonblocking(true)?;
    println!("listening on 0.0.0.0:{}", port());
    while !shutdown::stopping() {
        match listener.accept() {
            Ok((stream, _)) => {
                thread::spawn(move || handle(stream));
            }
            Err(error) if error.kind() == ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(50)),
            Err(error) => eprintln!("accept failed: {error}"),
        }
    }
    println!("shutting down");
    Ok(())
}

/// The routes: replace them with the real API.
fn route(method: &str, path: &str) -> (&'static str, String) {
    match (method, path) {
        ("GET", HEALTH_PATH) => ("200 OK", r#"{"status":"ok"}"#.to_string()),
        ("GET", "/") => ("200 OK", r#"{"service":"search-api"}"#.to_string()),
        _ => ("404 Not Found", r#"{"error":"not found"}"#.to_string()),
    }
}

fn handle(stream: TcpStream) {
    if let Err(error) = respond(stream) {
        eprintln!("request failed: {error}");
    }
}

fn respond(mut stream: TcpStream) -> io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read the headers too, so the client is never reset while it is still sending.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (status, body) = route(parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn healthcheck() -> ExitCode {
    let check = || -> io::Result<bool> {
        let address = SocketAddr::from(([127, 0, 0, 1], port()));
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
        stream.set_read_timeout(Some(Duration::from_secs(4)))?;
        write!(stream, "GET {HEALTH_PATH} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
        let mut status_line = String::new();
        BufReader::new(stream).read_line(&mut status_line)?;
        Ok(status_line.split_whitespace().nth(1) == Some("200"))
    };
    match check() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("unhealthy: {HEALTH_PATH} did not answer 200");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("unhealthy: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_answers_ok() {
        assert_eq!(route("GET", HEALTH_PATH), ("200 OK", r#"{"status":"ok"}"#.to_string()));
    }

    #[test]
    fn unknown_paths_are_not_found() {
        assert_eq!(route("GET", "/nope").0, "404 Not Found");
    }
}
