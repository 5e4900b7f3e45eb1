package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/ingest"
	"github.com/prov-archive/prov/report"
)

type mergeOptions struct {
	shards []string
	into   string
	asJSON bool
}

func (o *mergeOptions) validate() error {
	switch {
	case o.into == "":
		return usagef("e.g. prov merge w1.db w2.db --into crawl.db", "--into is required: the archive to fold the shards into")
	case len(o.shards) == 0:
		return usagef("give the shards the workers wrote (prov crawl --shard)", "no shards to merge")
	}
	into := samePath(o.into)
	seen := map[string]bool{}
	for _, s := range o.shards {
		key := samePath(s)
		if key == into {
			return usagef("--into is the archive merged into", "%s is both a shard and --into", s)
		}
		if seen[key] {
			return usagef("give each shard once", "shard %s is given twice", s)
		}
		seen[key] = true
	}
	return nil
}

// samePath is path as a key that two names of one file share: absolute,
// clean, and through its links when it exists.
func samePath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path
}

// runMerge folds the shards of a shared crawl into one archive
// (archive.Merge) and says what it did: exit 0, or 1 naming a shard that
// is locked or does not read, with nothing written.
func runMerge(ctx context.Context, e *env, args []string) error {
	var o mergeOptions
	fs := newFlags("merge", "SHARD...", e.stderr)
	fs.StringVar(&o.into, "into", "", "the archive `PATH` to fold the shards into (created when missing)")
	fs.BoolVar(&o.asJSON, "json", false, "print what was done as JSON")
	shards, err := parse(fs, args)
	if err != nil {
		return err
	}
	o.shards = shards
	if err := o.validate(); err != nil {
		return err
	}
	if err := needFolder("--into", o.into); err != nil {
		return err
	}
	st, err := archive.Merge(o.shards, o.into, archive.MergeOptions{Stitch: ingest.StitchOptions()})
	if err != nil {
		return err
	}
	updateSearch("merge", o.into, e)
	if o.asJSON {
		return writeJSON(e.stdout, st)
	}
	fmt.Fprintf(e.stdout, "merged %s into %s: %s read, %d added, %d already there; %s\n",
		report.Count(st.Shards, "shard"), o.into, report.Count(st.Captures, "capture"), st.Added, st.Present, report.Count(st.Runs, "run"))
	return nil
}
