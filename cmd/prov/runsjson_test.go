package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/prov-archive/prov/archive"
)

// prov runs --json leaves "end" out for a run that never ended (its
// process stopped without closing it: interrupted), instead of the zero
// time; a run that ended has it. A run record stored with the zero time,
// as older prov stored one, still reads as a run without an end.
func TestRunsJSONLeavesOutMissingEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prov.db")
	db, err := archive.Open(path, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	done, err := db.BeginRun(nil, "")
	if err == nil {
		err = db.FinishRun(done)
	}
	if err == nil {
		_, err = db.BeginRun(nil, "") // never finished
	}
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, errOut := prov(t, "runs", "--json", "--db", path)
	if code != exitOK {
		t.Fatalf("prov runs --json: exit %d: %s", code, errOut)
	}
	var runs []map[string]any
	if err := json.Unmarshal([]byte(out), &runs); err != nil || len(runs) != 2 {
		t.Fatalf("prov runs --json: %d runs, %v: %s", len(runs), err, out)
	}
	if _, ok := runs[0]["end"]; !ok || runs[0]["status"] != archive.RunDone {
		t.Errorf("the finished run: %v, want its end", runs[0])
	}
	if end, ok := runs[1]["end"]; ok || runs[1]["status"] != archive.RunInterrupted {
		t.Errorf("the interrupted run: end %v, status %v; want no end, interrupted", end, runs[1]["status"])
	}
	for _, key := range []string{"id", "start", "seeds", "pid", "fetched", "new", "changed", "unchanged", "bytes", "status"} {
		if _, ok := runs[1][key]; !ok {
			t.Errorf("the interrupted run lacks %q: %v", key, runs[1])
		}
	}
	var old archive.Run
	if err := json.Unmarshal([]byte(`{"id":3,"start":"2026-12-05T13:46:30Z","end":"0001-01-01T00:00:00Z","status":"running"}`), &old); err != nil || !old.End.IsZero() {
		t.Errorf("an older record's zero end: %v, %v", old.End, err)
	}
	if b, _ := json.Marshal(old); string(b) != `{"id":3,"start":"2026-12-05T13:46:30Z","seeds":null,"pid":0,"fetched":0,"new":0,"changed":0,"unchanged":0,"bytes":0,"status":"running"}` {
		t.Errorf("an older record written again: %s", b)
	}
}
