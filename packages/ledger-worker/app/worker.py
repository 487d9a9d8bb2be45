"""ledger-worker: background worker.

Touches HEARTBEAT_FILE after every unit of work; the image HEALTHCHECK fails when the file is
older than 30 seconds. Stops cleanly on SIGTERM (docker stop, Kubernetes).
"""

import logging
import os
import signal
import threading
from pathlib import Path

HEARTBEAT_FILE = Path(os.environ.get("HEARTBEAT_FILE", "/tmp/heartbeat"))
INTERVAL_SECONDS = float(os.environ.get("WORK_INTERVAL_SECONDS", "5"))

log = logging.getLogger("ledger-worker")
stopping = threading.Event()


def do_work() -> None:
    """One unit of work: replace with the real job (poll a queue, run a batch, ...)."""
    log.info("tick")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    log.info("worker started")
    while not stopping.is_set():
        do_work()
        HEARTBEAT_FILE.touch()
        stopping.wait(INTERVAL_SECONDS)
    log.info("worker stopped")


if __name__ == "__main__":
    main()
