package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/prov-archive/prov/archive"
)

func runStats(ctx context.Context, e *env, args []string) error {
	fs := newFlags("stats", "", e.stderr)
	db, asJSON := addDBFlag(fs), addJSONFlag(fs)
	if err := parseNone(fs, args); err != nil {
		return err
	}
	a, skipped, err := openSkipping(dbPath(*db, e.getenv), e, "stats")
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.Stats()
	if err != nil {
		return err
	}
	if *asJSON {
		return skipped.done(json.NewEncoder(e.stdout).Encode(st))
	}
	printStats(e.stdout, st)
	return skipped.done(nil)
}

func printStats(w io.Writer, st archive.Stats) {
	fmt.Fprintf(w, "captures:  %d", st.Captures)
	for _, k := range sortedKeys(st.ByKind) {
		fmt.Fprintf(w, "  %s %d", k, st.ByKind[k])
	}
	fmt.Fprintf(w, "\nurls:      %d on %d hosts\n", st.URLs, st.Hosts)
	fmt.Fprintf(w, "payloads:  %d, %d bytes as fetched, %d stored\n", st.Payloads, st.RawBytes, st.StoredBytes)
	fmt.Fprintf(w, "documents: %d distinct texts\nruns:      %d\nschema:    %d\n", st.Documents, st.Runs, st.Schema)
}
