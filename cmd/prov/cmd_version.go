package main

import (
	"context"
	"fmt"

	"github.com/prov-archive/prov/crawl"
)

// runVersion prints crawl.Version: the version the User-Agent sends and
// every capture records.
func runVersion(ctx context.Context, e *env, args []string) error {
	fmt.Fprintf(e.stdout, "prov %s\n", crawl.Version)
	return nil
}
