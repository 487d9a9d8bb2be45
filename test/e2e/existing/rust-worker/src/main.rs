//! A Rust worker as a team might already have it: no `healthcheck` subcommand, so the image
//! probes its heartbeat file with dockwright-healthcheck.
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

static STOP: AtomicBool = AtomicBool::new(false);

extern "C" {
    fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
}

extern "C" fn on_term(_: i32) {
    STOP.store(true, Ordering::SeqCst);
}

fn main() {
    unsafe { signal(15, on_term) };
    let file = std::env::var("HEARTBEAT_FILE").unwrap_or_else(|_| "/tmp/heartbeat".into());
    while !STOP.load(Ordering::SeqCst) {
        let heartbeat = std::fs::OpenOptions::new().create(true).append(true).open(&file).unwrap();
        heartbeat.set_modified(SystemTime::now()).unwrap();
        std::thread::sleep(Duration::from_millis(200));
    }
}
