//! indexer-worker: background worker on the standard library (no crates: nothing to download, builds offline).
//!
//! It touches HEARTBEAT_FILE after every unit of work; `indexer-worker healthcheck` is the image
//! HEALTHCHECK and fails when that file is older than 30 seconds.

mod shutdown;

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

const MAX_HEARTBEAT_AGE: Duration = Duration::from_secs(30);

fn heartbeat_file() -> PathBuf {
    std::env::var_os("HEARTBEAT_FILE").map_or_else(|| PathBuf::from("/tmp/heartbeat"), PathBuf::from)
}

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("healthcheck") {
        return healthcheck();
    }
    shutdown::install();
    let interval = std::env::var("WORK_INTERVAL_MS")
        .ok()
        .and_then(|value| value.parse().ok())
        .map_or(Duration::from_secs(5), Duration::from_millis);
    println!("worker started");
    while !shutdown::stopping() {
        do_work();
        if let Err(error) = touch(&heartbeat_file()) {
            eprintln!("heartbeat: {error}");
        }
        // Sleep in short steps, so a stop request is noticed within 100 ms.
        let until = Instant::now() + interval;
        while !shutdown::stopping() && Instant::now() < until {
            thread::sleep(Duration::from_millis(100));
        }
    }
    println!("worker stopped");
    ExitCode::SUCCESS
}

/// One unit of work: replace it with the real job (poll a queue, run a batch, ...).
fn do_work() {
    println!("tick");
}

fn touch(path: &Path) -> io::Result<()> {
    OpenOptions::new().create(true).append(true).open(path)?.set_modified(SystemTime::now())
}

fn heartbeat_age(path: &Path) -> io::Result<Duration> {
    Ok(fs::metadata(path)?.modified()?.elapsed().unwrap_or_default())
}

fn healthcheck() -> ExitCode {
    match heartbeat_age(&heartbeat_file()) {
        Ok(age) if age < MAX_HEARTBEAT_AGE => ExitCode::SUCCESS,
        Ok(age) => {
            eprintln!("unhealthy: heartbeat is {} s old", age.as_secs());
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
    fn a_fresh_heartbeat_is_young() {
        let path = std::env::temp_dir().join(format!("heartbeat-{}", std::process::id()));
        do_work();
        touch(&path).unwrap();
        assert!(heartbeat_age(&path).unwrap() < MAX_HEARTBEAT_AGE);
        fs::remove_file(path).unwrap();
    }
}
