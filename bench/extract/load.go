package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/prov-archive/prov/evalscore"
)

// A page is one eval page with its truth: a text (index.tsv's datasets)
// or snippets (snippets.tsv's, trafcmp), never both.
type page struct {
	dataset, file string
	half          string // evalscore.Tune, evalscore.Check, or unsplit
	truth         string
	snippets      *evalscore.Snippets
}

// unsplit is the half of a page that evalscore's split does not list (one
// added to shared/eval after the split was made).
const unsplit = "unsplit"

// loadPages reads the pages of index.tsv and snippets.tsv with their
// truth, keeping those of half ("all" keeps every page).
func loadPages(dir, half string) ([]page, error) {
	var pages []page
	for _, idx := range []struct {
		name string
		load func(dir, dataset, file string) (page, error)
	}{{"index.tsv", loadText}, {"snippets.tsv", loadSnippets}} {
		err := eachListed(filepath.Join(dir, idx.name), func(dataset, file string) error {
			pg, err := idx.load(dir, dataset, file)
			if err == nil && (half == "all" || pg.half == half) {
				pages = append(pages, pg)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// eachListed calls fn with the dataset and file of each row of an
// index.tsv-like list, in order, skipping its header.
func eachListed(path string, fn func(dataset, file string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 2 || fs[0] == "dataset" {
			continue
		}
		if err := fn(fs[0], fs[1]); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func halfOf(file string) string {
	if h := evalscore.Half(file); h != "" {
		return h
	}
	return unsplit
}

// truthPath is the file beside an eval page holding its truth.
func truthPath(dir, file, ext string) string {
	return filepath.Join(dir, strings.TrimSuffix(file, ".html")+ext)
}

func loadText(dir, dataset, file string) (page, error) {
	truth, err := os.ReadFile(truthPath(dir, file, ".txt"))
	if err != nil {
		return page{}, err
	}
	return page{dataset: dataset, file: file, half: halfOf(file), truth: string(truth)}, nil
}

func loadSnippets(dir, dataset, file string) (page, error) {
	path := truthPath(dir, file, ".json")
	data, err := os.ReadFile(path)
	if err != nil {
		return page{}, err
	}
	s, err := evalscore.ParseSnippets(data)
	if err != nil {
		return page{}, fmt.Errorf("%s: %w", path, err)
	}
	return page{dataset: dataset, file: file, half: halfOf(file), snippets: &s}, nil
}
