// reports-worker: background worker, standard library only (nothing to download, builds offline).
//
// It touches HEARTBEAT_FILE after every unit of work; `reports-worker healthcheck` is the image
// HEALTHCHECK and fails when that file is older than 30 seconds.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

const maxHeartbeatAge = 30 * time.Second

func main() {
	if len(os.Args) > 1 && os.Args[1] == "healthcheck" {
		os.Exit(healthcheck())
	}
	// As PID 1 in a container the process gets no default SIGTERM handling: stop on it ourselves.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	interval := 5 * time.Second
	if ms, err := strconv.Atoi(os.Getenv("WORK_INTERVAL_MS")); err == nil && ms > 0 {
		interval = time.Duration(ms) * time.Millisecond
	}
	slog.Info("worker started")
	for {
		doWork(ctx)
		if err := touch(heartbeatFile()); err != nil {
			slog.Error("heartbeat", "error", err)
		}
		select {
		case <-ctx.Done():
			slog.Info("worker stopped")
			return
		case <-time.After(interval):
		}
	}
}

// doWork is one unit of work: replace it with the real job (poll a queue, run a batch, ...).
func doWork(ctx context.Context) {
	slog.InfoContext(ctx, "tick")
}

func heartbeatFile() string {
	if value := os.Getenv("HEARTBEAT_FILE"); value != "" {
		return value
	}
	return "/tmp/heartbeat"
}

func touch(path string) error {
	now := time.Now()
	if err := os.Chtimes(path, now, now); err == nil {
		return nil
	}
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	return file.Close()
}

func healthcheck() int {
	info, err := os.Stat(heartbeatFile())
	if err != nil {
		fmt.Fprintln(os.Stderr, "unhealthy:", err)
		return 1
	}
	if age := time.Since(info.ModTime()); age > maxHeartbeatAge {
		fmt.Fprintf(os.Stderr, "unhealthy: heartbeat is %s old\n", age.Round(time.Second))
		return 1
	}
	return 0
}
