// Command docsame checks that a change to clean leaves every Document it
// makes unchanged, field by field, over the eval pages and files (issue
// #16: faster, with output unchanged byte for byte):
//
//	cd bench && go run ./docsame -write /tmp/before.jsonl   # at the old commit
//	cd bench && go run ./docsame -against /tmp/before.jsonl # at the new one
//
// It cleans every .html file under -eval's extraction folder as HTML and
// every file under its encoding folder as an unlabelled body, and the
// seeds, in a fixed order. -write keeps each Document as one JSON line;
// -against makes them again and names every file whose Document differs,
// with the fields that differ. It exits 1 when any differs.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/prov-archive/prov/clean"
)

// record is one file's Document, as -write keeps it.
type record struct {
	File string          `json:"file"`
	Doc  json.RawMessage `json:"doc"`
}

func main() {
	evalDir := flag.String("eval", "../../shared/eval", "the eval folder (extraction/ and encoding/)")
	seeds := flag.String("seeds", "../../shared/seeds", "the seeds folder")
	write := flag.String("write", "", "write every Document to `file` (JSON lines)")
	against := flag.String("against", "", "compare every Document with those in `file`")
	flag.Parse()
	if (*write == "") == (*against == "") {
		fmt.Fprintln(os.Stderr, "docsame: give -write FILE or -against FILE")
		os.Exit(2)
	}
	files, err := inputs(*evalDir, *seeds)
	if err != nil {
		fmt.Fprintln(os.Stderr, "docsame:", err)
		os.Exit(2)
	}
	if *write != "" {
		err = writeAll(*write, files)
	} else {
		var differ int
		differ, err = compareAll(*against, files)
		if err == nil && differ > 0 {
			fmt.Printf("%d of %d documents differ\n", differ, len(files))
			os.Exit(1)
		}
		if err == nil {
			fmt.Printf("all %d documents identical\n", len(files))
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "docsame:", err)
		os.Exit(2)
	}
}

// input is one file to clean: HTML pages under extraction/ and seeds/,
// anything else as a body with no Content-Type.
type input struct {
	path string
	html bool
}

func inputs(evalDir, seeds string) ([]input, error) {
	var out []input
	add := func(root string, html func(string) bool) error {
		return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if filepath.Ext(p) == ".txt" || filepath.Ext(p) == ".json" || filepath.Ext(p) == ".tsv" || filepath.Base(p) == "README.md" {
				return nil // truth and indexes, not pages
			}
			out = append(out, input{p, html(p)})
			return nil
		})
	}
	isHTML := func(p string) bool { return filepath.Ext(p) == ".html" || filepath.Ext(p) == ".htm" }
	if err := add(filepath.Join(evalDir, "extraction"), isHTML); err != nil {
		return nil, err
	}
	if err := add(filepath.Join(evalDir, "encoding"), func(string) bool { return false }); err != nil {
		return nil, err
	}
	if err := add(seeds, isHTML); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// document cleans one input and returns its Document as JSON.
func document(in input) (json.RawMessage, error) {
	body, err := os.ReadFile(in.path)
	if err != nil {
		return nil, err
	}
	h := http.Header{}
	if in.html {
		h.Set("Content-Type", "text/html")
	}
	doc, err := clean.Clean(clean.Input{URL: "http://eval.example/" + filepath.ToSlash(in.path), Header: h, Body: body})
	if err != nil {
		return json.Marshal(map[string]string{"error": err.Error()})
	}
	return json.Marshal(doc)
}

func writeAll(path string, files []input) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, in := range files {
		doc, err := document(in)
		if err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", in.path, err)
		}
		if err := enc.Encode(record{in.path, doc}); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	fmt.Printf("%d documents written to %s\n", len(files), path)
	return f.Close()
}

func compareAll(path string, files []input) (differ int, err error) {
	want, err := readRecords(path)
	if err != nil {
		return 0, err
	}
	for _, in := range files {
		got, err := document(in)
		if err != nil {
			return differ, fmt.Errorf("%s: %w", in.path, err)
		}
		old, ok := want[in.path]
		switch {
		case !ok:
			fmt.Printf("%s: not in %s\n", in.path, path)
			differ++
		case !bytes.Equal(old, got):
			fmt.Printf("%s: differs in %v\n", in.path, fieldsDiffering(old, got))
			differ++
		}
	}
	return differ, nil
}

func readRecords(path string) (map[string]json.RawMessage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]json.RawMessage{}
	dec := json.NewDecoder(f)
	for dec.More() {
		var r record
		if err := dec.Decode(&r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out[r.File] = r.Doc
	}
	return out, nil
}

// fieldsDiffering names the top-level fields whose JSON differs.
func fieldsDiffering(a, b json.RawMessage) []string {
	var ma, mb map[string]json.RawMessage
	json.Unmarshal(a, &ma)
	json.Unmarshal(b, &mb)
	var out []string
	for k, v := range ma {
		if !bytes.Equal(v, mb[k]) {
			out = append(out, k)
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
