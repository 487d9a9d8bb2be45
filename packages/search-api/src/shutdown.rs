//! SIGTERM and SIGINT set a flag that the main loop polls. As PID 1 in a container the process
//! gets no default SIGTERM handling: without this, `docker stop` waits for SIGKILL.

use std::sync::atomic::{AtomicBool, Ordering};

static STOPPING: AtomicBool = AtomicBool::new(false);

const SIGINT: i32 = 2;
const SIGTERM: i32 = 15;

unsafe extern "C" {
    /// signal(2) from the C library that std already links; no crate needed.
    fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
}

extern "C" fn on_signal(_signum: i32) {
    // One atomic store: async-signal-safe.
    STOPPING.store(true, Ordering::SeqCst);
}

pub fn install() {
    // SAFETY: on_signal only stores to an atomic, which is allowed in a signal handler.
    unsafe {
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
    }
}

pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}
