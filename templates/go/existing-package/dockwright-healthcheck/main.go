// dockwright-healthcheck is the image HEALTHCHECK of a service dockwright dockerized: distroless
// images have no shell and no curl, so the probe is a program of its own, standard library only.
//
//	dockwright-healthcheck <url>                         exit 0 when GET <url> answers 2xx
//	dockwright-healthcheck --heartbeat <file> <seconds>  exit 0 when <file> changed in the last <seconds>
package main

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"time"
)

func main() {
	if err := probe(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "unhealthy:", err)
		os.Exit(1)
	}
}

func probe(args []string) error {
	switch {
	case len(args) == 1:
		client := http.Client{Timeout: 4 * time.Second}
		res, err := client.Get(args[0])
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if res.StatusCode < 200 || res.StatusCode > 299 {
			return fmt.Errorf("GET %s: %s", args[0], res.Status)
		}
		return nil
	case len(args) == 3 && args[0] == "--heartbeat":
		maxAge, err := strconv.Atoi(args[2])
		if err != nil {
			return fmt.Errorf("max age %q: %w", args[2], err)
		}
		info, err := os.Stat(args[1])
		if err != nil {
			return err
		}
		if age := time.Since(info.ModTime()); age > time.Duration(maxAge)*time.Second {
			return fmt.Errorf("heartbeat %s is %s old", args[1], age.Round(time.Second))
		}
		return nil
	default:
		return fmt.Errorf("usage: dockwright-healthcheck <url> | --heartbeat <file> <seconds>")
	}
}
