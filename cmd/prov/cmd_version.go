package main

import (
	"context"
	"fmt"
)

func runVersion(ctx context.Context, e *env, args []string) error {
	fmt.Fprintf(e.stdout, "prov %s\n", version)
	return nil
}
