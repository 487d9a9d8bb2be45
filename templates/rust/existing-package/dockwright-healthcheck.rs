//! dockwright-healthcheck is the image HEALTHCHECK of a service dockwright dockerized: distroless
//! images have no shell and no curl, so the probe is a program of its own, standard library only,
//! compiled with rustc beside the crate (cargo never builds this file).
//!
//!     dockwright-healthcheck http://127.0.0.1:<port>/<path>      exit 0 when the path answers 2xx
//!     dockwright-healthcheck --heartbeat <file> <seconds>        exit 0 when <file> changed in the last <seconds>

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [url] => http_ok(url),
        [flag, file, seconds] if flag == "--heartbeat" => heartbeat_fresh(file, seconds),
        _ => Err(io::Error::other("usage: dockwright-healthcheck <url> | --heartbeat <file> <seconds>")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("unhealthy: {error}");
            ExitCode::FAILURE
        }
    }
}

fn http_ok(url: &str) -> io::Result<()> {
    let rest = url.strip_prefix("http://").ok_or_else(|| io::Error::other("only http:// URLs"))?;
    let (authority, path) = rest.find('/').map_or((rest, "/"), |slash| (&rest[..slash], &rest[slash..]));
    let address = authority.to_socket_addrs()?.next().ok_or_else(|| io::Error::other("no address"))?;
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(4)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {authority}\r\n\r\n")?;
    let mut status_line = String::new();
    BufReader::new(stream).read_line(&mut status_line)?;
    match status_line.split_whitespace().nth(1) {
        Some(code) if code.starts_with('2') => Ok(()),
        _ => Err(io::Error::other(format!("GET {url}: {}", status_line.trim()))),
    }
}

fn heartbeat_fresh(file: &str, seconds: &str) -> io::Result<()> {
    let max_age = Duration::from_secs(seconds.parse().map_err(io::Error::other)?);
    let age = std::fs::metadata(file)?.modified()?.elapsed().unwrap_or_default();
    if age > max_age {
        return Err(io::Error::other(format!("heartbeat {file} is {} s old", age.as_secs())));
    }
    Ok(())
}
