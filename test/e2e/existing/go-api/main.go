// A Go service as a team might already have it: no `healthcheck` subcommand, so the image
// probes it with dockwright-healthcheck.
package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	server := &http.Server{Addr: ":" + os.Getenv("PORT"), Handler: mux}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	go func() { _ = server.ListenAndServe() }()
	<-ctx.Done()
	_ = server.Shutdown(context.Background())
}
