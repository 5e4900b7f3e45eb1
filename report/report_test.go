package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prov-archive/prov/archive"
	"github.com/prov-archive/prov/clean"
	"github.com/prov-archive/prov/crawl"
	"github.com/prov-archive/prov/inspect"
	"github.com/prov-archive/prov/textdiff"
	"github.com/prov-archive/prov/trace"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

var t0 = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const (
	shaA = "02bd3a012ae6b2c1f0d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7"
	shaB = "9d97eacaa3661f2e3d4c5b6a79887766554433221100ffeeddccbbaa99887766"
	shaC = "e0b54f15e789aabbccddeeff00112233445566778899aabbccddeeff00112233"
)

// golden compares got with testdata/name.golden, rewriting it with -update.
// The files are the bytes prov printed before its views moved here.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// work is a work of four copies: an original on an official site, an
// identical copy, a near copy and an excerpt stitched from two pages.
func work() archive.Work {
	return archive.Work{ID: shaA[:12], TextSHA256: shaA,
		Original: archive.Ref{CaptureID: 1, URL: "http://gov.test/white-paper"},
		Reasons:  []string{"authority official beats agency", "published 2022-11-07, earliest (next 2022-11-08)"},
		Copies: []archive.Copy{
			{CaptureID: 1, URL: "http://gov.test/white-paper", Relation: archive.RelOriginal, Publisher: "国务院新闻办公室", Authority: "official", Published: "2022-11-07T10:00:00+08:00", TextSHA256: shaA, Similarity: 1, Containment: 1, Why: "elected"},
			{CaptureID: 4, URL: "http://agency.test/a", Relation: archive.RelIdentical, Publisher: "新华网", Authority: "agency", Published: "2022-11-08", TextSHA256: shaA, Similarity: 1, Containment: 1, Why: "same text"},
			{CaptureID: 7, URL: "http://portal.test/b", Relation: archive.RelNear, TextSHA256: shaB, Similarity: 0.9123, Containment: 0.994, Why: "Jaccard 0.912"},
			{CaptureID: 9, URL: "http://blog.test/c", Relation: archive.RelExcerpt, Publisher: "Blog", Authority: "aggregator", TextSHA256: shaC, Similarity: 0.231, Containment: 1, Why: "100% in original",
				Pages: []archive.PageRef{{URL: "http://blog.test/c", CaptureID: 8, TextSHA256: shaB}, {URL: "http://blog.test/c?page=2", CaptureID: 9, TextSHA256: shaC}}},
		},
	}
}

func render(f func(*bytes.Buffer)) []byte {
	var b bytes.Buffer
	f(&b)
	return b.Bytes()
}

func TestWorkAndCopy(t *testing.T) {
	golden(t, "work", render(func(b *bytes.Buffer) { Work(b, work(), nil) }))
}

func TestTrace(t *testing.T) {
	w := work()
	sub := trace.Subject{Label: "http://portal.test/b", URL: "http://portal.test/b", CaptureID: 7, TextSHA256: shaB}
	file := trace.Subject{Label: "copy.txt", File: true, TextSHA256: shaB}
	match := archive.Match{TextSHA256: shaA, DocID: 1, Resemblance: archive.Resemblance{Jaccard: 0.9104, Containment: 0.987, Contains: 0.921}, Relation: archive.RelNear}
	cases := []struct {
		name string
		r    trace.Result
	}{
		{"trace-copy", trace.Result{Subject: sub, Work: &w, Copy: &w.Copies[2]}},
		{"trace-original", trace.Result{Subject: trace.Subject{Label: shaA, TextSHA256: shaA}, Work: &w, Copy: &w.Copies[0], Faithful: true}},
		{"trace-file", trace.Result{Subject: file, Work: &w, Match: &match, Matches: []archive.Match{match}}},
		{"trace-none", trace.Result{Subject: file}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { golden(t, c.name, render(func(b *bytes.Buffer) { Trace(b, c.r, nil) })) })
	}
}

func TestDiff(t *testing.T) {
	a := trace.Subject{Label: "http://portal.test/b", TextSHA256: shaB}
	orig := trace.Subject{Label: "http://gov.test/white-paper", TextSHA256: shaA}
	ops := []textdiff.Op{
		{Kind: textdiff.Changed, AIndex: 1, BIndex: 1, A: "The plan goes ahead.", B: "The plan is dropped.", Marked: "The plan [-goes ahead-]{+is dropped+}."},
		{Kind: textdiff.Removed, AIndex: 3, BIndex: 2, A: "A paragraph the copy left out."},
		{Kind: textdiff.Added, AIndex: 5, BIndex: 4, B: "A paragraph only the copy has."},
	}
	golden(t, "diff", render(func(b *bytes.Buffer) { Diff(b, trace.DiffResult{Copy: a, Against: orig, Changes: ops}) }))
	golden(t, "diff-none", render(func(b *bytes.Buffer) {
		Diff(b, trace.DiffResult{Copy: a, Against: trace.Subject{Label: "short", TextSHA256: "abc"}, Changes: []textdiff.Op{}})
	}))
}

// A moved paragraph is printed once, where it was, with where it went;
// a paragraph cut short and a note say so.
func TestDiffMovedCutShort(t *testing.T) {
	a := trace.Subject{Label: "http://portal.test/b", TextSHA256: shaB}
	orig := trace.Subject{Label: "http://gov.test/white-paper", TextSHA256: shaA}
	from, to := 1, 8
	ops := []textdiff.Op{
		{Kind: textdiff.Removed, AIndex: 1, BIndex: -1, A: "A paragraph the copy moved.", MovedTo: &to},
		{Kind: textdiff.Changed, AIndex: 4, BIndex: 3, A: "A paragraph the copy cut short.", B: "A paragraph", Marked: "A paragraph[- the copy cut short.-]", CutShort: true},
		{Kind: textdiff.Added, AIndex: -1, BIndex: 8, B: "A paragraph the copy moved.", MovedFrom: &from},
		{Kind: textdiff.Added, AIndex: -1, BIndex: 9, B: "Not paired.", Note: textdiff.NotePaired},
	}
	golden(t, "diff-moved", render(func(b *bytes.Buffer) { Diff(b, trace.DiffResult{Copy: a, Against: orig, Changes: ops}) }))
}

func TestRunsAndStats(t *testing.T) {
	runs := []archive.Run{
		{ID: 1, Start: t0, End: t0.Add(90 * time.Second), Seeds: []string{"http://a.test/", "http://b.test/"}, Fetched: 17, New: 16, Failed: map[string]int{"timeout": 1, "http 404": 2}, Bytes: 123456, Status: archive.RunDone},
		{ID: 2, Start: t0.Add(time.Hour).In(time.FixedZone("CST", 8*3600)), Seeds: []string{"http://a.test/"}, Fetched: 3, Changed: 1, Unchanged: 2, Bytes: 999, Status: archive.RunRunning},
		{ID: 3, Start: t0.Add(2 * time.Hour), End: t0.Add(2*time.Hour + 5*time.Second), Seeds: []string{"http://a.test/1"}, Fetched: 1, Unchanged: 1, Bytes: 512, Status: archive.RunDone, Kind: archive.RunRefetch},
	}
	golden(t, "runs", render(func(b *bytes.Buffer) { Runs(b, runs) }))
	st := archive.Stats{Captures: 18, ByKind: map[string]int{archive.KindResponse: 16, archive.KindFailed: 1, archive.KindStitched: 1},
		URLs: 17, Hosts: 6, Payloads: 17, StoredBytes: 40321, RawBytes: 120654, Documents: 8, Runs: 1, Schema: 4}
	golden(t, "stats", render(func(b *bytes.Buffer) { Stats(b, st) }))
}

func TestHistoryAndSeries(t *testing.T) {
	const u = "http://news.test/a_2.htm"
	caps := []archive.Capture{
		{ID: 3, RunID: 1, URL: u, FetchStart: t0, Kind: archive.KindResponse, Status: 200, PayloadSHA256: shaA, PayloadLength: 6228, TextSHA256: shaA},
		{ID: 11, RunID: 2, URL: u, FetchStart: t0.Add(24 * time.Hour), Kind: archive.KindRevisit, Status: 200, PayloadSHA256: shaA, PayloadLength: 6228, TextSHA256: shaA},
		{ID: 12, RunID: 2, URL: u, FetchStart: t0.Add(25 * time.Hour), Kind: archive.KindResponse, Status: 200, PayloadSHA256: shaB, PayloadLength: 6301, TextSHA256: shaB},
		{ID: 20, RunID: 3, URL: u, FetchStart: t0.Add(48 * time.Hour), Kind: archive.KindFailed, Error: "timeout"},
		{ID: 21, RunID: 3, URL: u, FetchStart: t0.Add(48 * time.Hour), Kind: archive.KindStitched, Status: 200,
			Pages: []archive.PageRef{{URL: "http://news.test/a.htm", CaptureID: 2, TextSHA256: shaC}, {URL: u, CaptureID: 12, TextSHA256: "ab"}}},
	}
	golden(t, "history", render(func(b *bytes.Buffer) { History(b, u, caps) }))
	pages := []archive.Capture{{ID: 2, URL: "http://news.test/a.htm", TextSHA256: shaC}, {ID: 12, URL: u, TextSHA256: shaB}}
	stitched := &archive.Capture{ID: 21, TextSHA256: shaA}
	cases := []struct {
		name string
		s    archive.Series
	}{
		{"series-incomplete", archive.Series{First: pages[0].URL, Pages: pages, Missing: "page 3 (http://news.test/a_3.htm): http 404"}},
		{"series-current", archive.Series{First: pages[0].URL, Pages: pages, Complete: true, Stitched: stitched, Current: true}},
		{"series-unstitched", archive.Series{First: pages[0].URL, Pages: pages, Complete: true, Stitched: stitched}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { golden(t, c.name, render(func(b *bytes.Buffer) { Series(b, u, c.s) })) })
	}
}

func TestInspectionText(t *testing.T) {
	full := inspect.Inspection{URL: "page.html", Encoding: "gb18030", EncodingEvidence: "meta", Confidence: 90, Declared: "gb2312",
		EncodingNote: "declared gb2312, read as its superset gb18030", Title: "携手构建网络空间命运共同体",
		Published: "2022-11-07T10:00:00+08:00", PublishedWhy: "meta:article:published_time",
		DateCandidates: []clean.DateCandidate{{Value: "2022-11-07T10:00:00+08:00", Source: "meta", Text: "2022-11-07 10:00"}, {Value: "2022-11-08", Source: "url", Text: "/2022/11/08/"}},
		Attribution:    "国务院新闻办公室", Lang: "zh", Text: "第一段。\n\n第二段。\n\nThird, in English.", TextSHA256: shaA,
		Publisher: "SCIO", Canonical: "http://gov.test/a", Extractor: clean.ExtractorRule, Rule: "scio",
		Captions: []string{"A photo of the launch"}, PageNumber: 2, PrevPage: "http://gov.test/a_1.htm", TruncatedAt: 10 << 20,
		TLSUnverified: "gov.test: tls: failed to verify certificate: x509: certificate has expired",
		HeadRepairs:   []crawl.HeadRepair{{Line: 3, Repair: crawl.RepairNoColon}}}
	cases := []struct {
		name string
		ins  inspect.Inspection
	}{
		{"inspection-full", full},
		{"inspection-bare", inspect.Inspection{URL: "plain.txt", Encoding: "utf-8", EncodingEvidence: "utf8-valid", Confidence: 100, Extractor: clean.ExtractorGeneric}},
		{"inspection-error", inspect.Inspection{URL: "missing.html", Error: "open missing.html: no such file or directory"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { golden(t, c.name, render(func(b *bytes.Buffer) { InspectionText(b, c.ins) })) })
	}
}

func TestParagraphs(t *testing.T) {
	for text, want := range map[string]int{"": 0, "one": 1, "one\ntwo": 1, "one\n\ntwo": 2, "a\n\nb\n\nc": 3} {
		if got := Paragraphs(text); got != want {
			t.Errorf("Paragraphs(%q) = %d, want %d", text, got, want)
		}
	}
}
