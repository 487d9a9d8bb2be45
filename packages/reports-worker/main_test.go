package main

import (
	"context"
	"path/filepath"
	"testing"
)

func TestHeartbeat(t *testing.T) {
	t.Setenv("HEARTBEAT_FILE", filepath.Join(t.TempDir(), "heartbeat"))
	if healthcheck() == 0 {
		t.Fatal("healthy before the first heartbeat")
	}
	doWork(context.Background())
	if err := touch(heartbeatFile()); err != nil {
		t.Fatal(err)
	}
	if healthcheck() != 0 {
		t.Fatal("unhealthy right after a heartbeat")
	}
}
